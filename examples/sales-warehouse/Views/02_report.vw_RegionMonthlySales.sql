SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
-- =============================================
-- View:    report.vw_RegionMonthlySales
-- Purpose: Monthly sales per region (region of the customer at order time).
--          Feeds report.vw_SalesVsTarget and the monthly board pack.
-- =============================================
CREATE VIEW [report].[vw_RegionMonthlySales]
AS
SELECT  s.CalendarYear,
        s.MonthNumber,
        s.YearMonth,
        s.RegionCode,
        s.RegionName,
        COUNT(DISTINCT s.SalesOrderID)  AS OrderCount,
        COUNT(*)                        AS LineCount,
        SUM(s.Quantity)                 AS Units,
        SUM(s.GrossAmount)              AS GrossSales,
        SUM(s.NetAmount)                AS NetSales,
        SUM(s.MarginAmount)             AS Margin,
        CAST(SUM(s.MarginAmount) * 100.0 / NULLIF(SUM(s.NetAmount), 0) AS decimal(5, 1)) AS MarginPct
FROM    dw.vw_SalesDetail s
GROUP BY s.CalendarYear, s.MonthNumber, s.YearMonth, s.RegionCode, s.RegionName
-- months whose lines were fully credited net to zero; Finance does not want them on the board
HAVING  SUM(s.NetAmount) > 0
GO
