"""The matter catalogue (事项清单): elements, versions with 备案, Excel, 办事指南."""
