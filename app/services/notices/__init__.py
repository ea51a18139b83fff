"""One-time notices (一次性告知书): the counter checklist, issuing, the register and statistics."""
