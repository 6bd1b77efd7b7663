/*
    View:    report.vw_OrderStatusBoard
    Purpose: Operational order board for customer service, straight off the staging tables
             (so it shows cancelled and open orders that never reach dw.FactSales).
    Notes:   - Dates are shown dd/mm/yyyy (style 103) because the board is used by the Dublin office.
             - "Age" is measured against GETDATE(), so results change from day to day.
*/
CREATE VIEW report.vw_OrderStatusBoard
AS
SELECT
    h.SalesOrderID,
    'SO-' + CONVERT(varchar(10), h.SalesOrderID)                        AS OrderNumber,
    CONVERT(varchar(10), h.OrderDate, 103)                             AS OrderDateText,
    CONVERT(char(8), h.OrderDate, 112)                                 AS OrderDateKeyText,
    'Q' + CAST(DATEPART(QUARTER, h.OrderDate) AS varchar(1)) + '-' + CAST(YEAR(h.OrderDate) AS varchar(4)) AS OrderQuarter,
    h.[Status],
    CASE h.[Status]
        WHEN 'Open' THEN
            CASE WHEN DATEDIFF(DAY, h.OrderDate, GETDATE()) > 14 THEN 'Overdue' ELSE 'In progress' END
        WHEN 'Shipped' THEN 'Completed'
        ELSE 'Void'
    END                                                                AS StatusGroup,
    c.LastName + N', ' + c.FirstName                                   AS CustomerSortName,
    ISNULL(c.CompanyName, N'(private customer)')                       AS AccountName,
    CASE
        WHEN CHARINDEX('@', c.Email) > 1 THEN LEFT(c.Email, CHARINDEX('@', c.Email) - 1)
    END                                                                AS EmailUser,
    CASE
        WHEN CHARINDEX('@', c.Email) > 1 THEN LOWER(SUBSTRING(c.Email, CHARINDEX('@', c.Email) + 1, LEN(c.Email)))
    END                                                                AS EmailDomain,
    ISNULL(h.ShipToCity, N'Store pick-up')                             AS Destination,
    h.SalesChannel,
    DATEADD(DAY, CASE h.SalesChannel WHEN 'Store' THEN 0 WHEN 'Web' THEN 5 ELSE 7 END, h.OrderDate) AS PromisedDate,
    CONVERT(varchar(10), h.ShipDate, 103)                              AS ShipDateText,
    DATEDIFF(DAY, h.OrderDate, ISNULL(h.ShipDate, CAST(GETDATE() AS date))) AS AgeDays,
    CASE
        WHEN h.ShipDate IS NULL THEN NULL
        WHEN h.ShipDate <= DATEADD(DAY, CASE h.SalesChannel WHEN 'Store' THEN 0 WHEN 'Web' THEN 5 ELSE 7 END, h.OrderDate) THEN 'On time'
        ELSE 'Late'
    END                                                                AS ShipPerformance,
    l.LineCount,
    ISNULL(l.NetAmount, 0)                                             AS NetAmount,
    h.Freight,
    IIF(h.Freight = 0, 'Free', 'Charged')                              AS FreightType,
    ISNULL(l.NetAmount, 0) + h.Freight                                 AS InvoiceTotal
FROM staging.SalesOrderHeader AS h
INNER JOIN staging.Customer AS c
    ON c.CustomerID = h.CustomerID
CROSS APPLY
(
    SELECT  COUNT(*)                                                     AS LineCount,
            SUM(dbo.fn_NetAmount(sol.Quantity * sol.UnitPrice, sol.DiscountPct)) AS NetAmount
    FROM staging.SalesOrderLine AS sol
    WHERE sol.SalesOrderID = h.SalesOrderID
) AS l;
GO
