/*
    View:    dw.vw_SalesDetail
    Purpose: The star joined back together: one row per fact line with its date, customer
             (version valid on the order date), and product attributes. Base for the report views.
*/
CREATE VIEW dw.vw_SalesDetail
AS
SELECT
    f.SalesKey,
    f.SalesOrderID,
    f.LineNumber,
    od.FullDate                         AS OrderDate,
    od.CalendarYear,
    od.CalendarQuarter,
    od.MonthNumber,
    od.[MonthName],
    od.YearMonth,
    od.FiscalYear,
    sd.FullDate                         AS ShipDate,
    f.SalesChannel,
    c.CustomerKey,
    c.CustomerID,
    c.CustomerCode,
    c.CustomerName,
    c.CompanyName,
    c.CustomerSegment,
    c.City,
    c.RegionCode,
    ISNULL(c.RegionName, N'Unassigned') AS RegionName,
    p.ProductKey,
    p.ProductCode,
    p.ProductName,
    p.Category,
    p.Subcategory,
    f.Quantity,
    f.UnitPrice,
    f.DiscountPct,
    f.GrossAmount,
    f.NetAmount,
    f.CostAmount,
    f.NetAmount - f.CostAmount          AS MarginAmount
FROM dw.FactSales AS f
INNER JOIN dw.DimDate AS od
    ON od.DateKey = f.OrderDateKey
LEFT OUTER JOIN dw.DimDate AS sd
    ON sd.DateKey = f.ShipDateKey
INNER JOIN dw.DimCustomer AS c
    ON c.CustomerKey = f.CustomerKey
INNER JOIN dw.DimProduct AS p
    ON p.ProductKey = f.ProductKey;
GO
