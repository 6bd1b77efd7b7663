-- View:    report.vw_SalesVsTarget
-- Purpose: Actual net sales against Finance's monthly targets, per region.
--          FULL OUTER JOIN so that months with a target but no sales (and sales without a target,
--          e.g. customers not yet assigned to a region) both show up.
CREATE VIEW report.vw_SalesVsTarget
AS
SELECT
    COALESCE(a.RegionCode, t.RegionCode)                  AS RegionCode,
    COALESCE(r.RegionName, a.RegionName)                  AS RegionName,
    COALESCE(a.CalendarYear, t.TargetYear)                AS CalendarYear,
    COALESCE(a.MonthNumber, t.TargetMonth)                AS MonthNumber,
    ISNULL(a.OrderCount, 0)                               AS OrderCount,
    ISNULL(a.NetSales, 0)                                 AS NetSales,
    t.TargetAmount,
    ISNULL(a.NetSales, 0) - t.TargetAmount                AS Variance,
    CASE
        WHEN t.TargetAmount IS NULL OR t.TargetAmount = 0 THEN NULL
        ELSE CAST(ISNULL(a.NetSales, 0) * 100.0 / t.TargetAmount AS decimal(7, 1))
    END                                                   AS AttainmentPct,
    CASE
        WHEN t.TargetAmount IS NULL                        THEN 'No target'
        WHEN ISNULL(a.NetSales, 0) >= t.TargetAmount       THEN 'On target'
        WHEN ISNULL(a.NetSales, 0) >= t.TargetAmount * 0.8 THEN 'Close'
        ELSE 'Behind'
    END                                                   AS Rating
FROM report.vw_RegionMonthlySales AS a
FULL OUTER JOIN dw.SalesTarget AS t
    ON  t.RegionCode  = a.RegionCode
    AND t.TargetYear  = a.CalendarYear
    AND t.TargetMonth = a.MonthNumber
LEFT JOIN staging.Region AS r
    ON r.RegionCode = COALESCE(a.RegionCode, t.RegionCode)
GO
