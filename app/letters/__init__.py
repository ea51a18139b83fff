"""Decision letters (告知书) as A4 PDFs in GB/T 9704 layout."""
