"""Reports: the Thai summary per province, region and fiscal year, and its workbook."""
