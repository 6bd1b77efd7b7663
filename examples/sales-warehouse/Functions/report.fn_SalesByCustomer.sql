-- =============================================
-- Function: report.fn_SalesByCustomer
-- Purpose:  Net sales per customer for a date range (inclusive on both ends).
--           Customers are reported with their *current* attributes even when the
--           fact rows point at older SCD2 versions.
-- Usage:    SELECT * FROM report.fn_SalesByCustomer('2024-01-01', '2024-06-30') ORDER BY NetSales DESC;
-- =============================================
CREATE FUNCTION [report].[fn_SalesByCustomer]
(
    @FromDate date,
    @ToDate   date
)
RETURNS TABLE
AS
RETURN
(
    SELECT
        cur.CustomerID,
        cur.CustomerCode,
        cur.CustomerName,
        cur.CustomerSegment,
        ISNULL(cur.RegionName, N'Unassigned')  AS RegionName,
        COUNT(DISTINCT f.SalesOrderID)         AS OrderCount,
        SUM(f.Quantity)                        AS Units,
        SUM(f.NetAmount)                       AS NetSales,
        SUM(f.NetAmount - f.CostAmount)        AS Margin,
        MIN(d.FullDate)                        AS FirstOrderDate,
        MAX(d.FullDate)                        AS LastOrderDate
    FROM dw.FactSales AS f
    INNER JOIN dw.DimDate AS d
        ON d.DateKey = f.OrderDateKey
    INNER JOIN dw.DimCustomer AS hist
        ON hist.CustomerKey = f.CustomerKey
    INNER JOIN dw.DimCustomer AS cur
        ON  cur.CustomerID = hist.CustomerID
        AND cur.IsCurrent = 1
    WHERE d.FullDate >= @FromDate
      AND d.FullDate <  DATEADD(DAY, 1, @ToDate)
    GROUP BY
        cur.CustomerID,
        cur.CustomerCode,
        cur.CustomerName,
        cur.CustomerSegment,
        ISNULL(cur.RegionName, N'Unassigned')
);
GO
