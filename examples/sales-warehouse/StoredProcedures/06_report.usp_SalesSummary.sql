SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
-- =============================================
-- Author:      R. Lindgren (BI team)
-- Create date: 2023-11-02
-- Description: Sales summary by quarter and region, broken down by product category
--              (default) or by customer segment. Used by the "Sales Summary" SSRS report.
-- Parameters:  @FromDate  first order date to include            (default 2024-01-01)
--              @ToDate    last order date to include             (default: 12 months after @FromDate)
--              @Region    region name or code, NULL = all regions
--              @GroupBy   'Category' or 'Segment'
-- Example:     EXEC report.usp_SalesSummary @FromDate = '2024-07-01', @Region = N'Alpine Europe';
-- =============================================
CREATE PROCEDURE [report].[usp_SalesSummary]
    @FromDate  date          = '2024-01-01',
    @ToDate    date          = NULL,
    @Region    nvarchar(50)  = NULL,
    @GroupBy   varchar(10)   = 'Category'
AS
BEGIN
    SET NOCOUNT ON;

    IF @ToDate IS NULL
        SET @ToDate = EOMONTH(@FromDate, 11);

    IF @ToDate < @FromDate
    BEGIN
        RAISERROR('report.usp_SalesSummary: @ToDate must not be earlier than @FromDate.', 16, 1);
        RETURN -1;
    END

    IF @GroupBy NOT IN ('Category', 'Segment')
        SET @GroupBy = 'Category';

    SELECT
        d.CalendarYear,
        d.CalendarQuarter,
        ISNULL(c.RegionName, N'Unassigned')                                        AS RegionName,
        CASE WHEN @GroupBy = 'Segment'
             THEN CAST(c.CustomerSegment AS nvarchar(50))
             ELSE p.Category
        END                                                                        AS GroupValue,
        COUNT(DISTINCT f.SalesOrderID)                                             AS Orders,
        SUM(f.Quantity)                                                            AS Units,
        SUM(f.NetAmount)                                                           AS NetSales,
        SUM(f.NetAmount - f.CostAmount)                                            AS Margin,
        CAST(100.0 * SUM(f.NetAmount - f.CostAmount) / NULLIF(SUM(f.NetAmount), 0) AS decimal(5, 1)) AS MarginPct
    FROM dw.FactSales f
    JOIN dw.DimDate d      ON d.DateKey     = f.OrderDateKey
    JOIN dw.DimCustomer c  ON c.CustomerKey = f.CustomerKey
    JOIN dw.DimProduct p   ON p.ProductKey  = f.ProductKey
    WHERE d.FullDate BETWEEN @FromDate AND @ToDate
      AND (@Region IS NULL OR c.RegionName = @Region OR c.RegionCode = @Region)
    GROUP BY
        d.CalendarYear,
        d.CalendarQuarter,
        ISNULL(c.RegionName, N'Unassigned'),
        CASE WHEN @GroupBy = 'Segment'
             THEN CAST(c.CustomerSegment AS nvarchar(50))
             ELSE p.Category
        END
    ORDER BY d.CalendarYear, d.CalendarQuarter, RegionName, NetSales DESC
    OPTION (RECOMPILE);

    RETURN 0;
END
GO
