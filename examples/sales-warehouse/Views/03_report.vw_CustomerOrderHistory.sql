/*
    View:    report.vw_CustomerOrderHistory
    Purpose: One row per customer order with sequence number, running and lifetime totals,
             and the gap since the previous order. Used by the CRM team for re-engagement lists.
    Notes:   Customers are shown with their current attributes (IsCurrent = 1).
*/
CREATE VIEW report.vw_CustomerOrderHistory
AS
WITH OrderTotals AS
(
    SELECT  s.CustomerID,
            s.SalesOrderID,
            s.OrderDate,
            COUNT(*)         AS LineCount,
            SUM(s.NetAmount) AS OrderNet
    FROM dw.vw_SalesDetail AS s
    GROUP BY s.CustomerID, s.SalesOrderID, s.OrderDate
),
Ranked AS
(
    SELECT  ot.*,
            ROW_NUMBER() OVER (PARTITION BY ot.CustomerID ORDER BY ot.OrderDate, ot.SalesOrderID)            AS OrderSeq,
            ROW_NUMBER() OVER (PARTITION BY ot.CustomerID ORDER BY ot.OrderDate DESC, ot.SalesOrderID DESC)  AS RecencyRank,
            SUM(ot.OrderNet) OVER (PARTITION BY ot.CustomerID
                                   ORDER BY ot.OrderDate, ot.SalesOrderID
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)                        AS RunningNet,
            SUM(ot.OrderNet) OVER (PARTITION BY ot.CustomerID)                                               AS LifetimeNet,
            LAG(ot.OrderDate) OVER (PARTITION BY ot.CustomerID ORDER BY ot.OrderDate, ot.SalesOrderID)       AS PreviousOrderDate
    FROM OrderTotals AS ot
)
SELECT  r.CustomerID,
        c.CustomerCode,
        c.CustomerName,
        c.CustomerSegment,
        r.SalesOrderID,
        r.OrderDate,
        r.LineCount,
        r.OrderNet,
        r.OrderSeq,
        r.RunningNet,
        r.LifetimeNet,
        DATEDIFF(DAY, r.PreviousOrderDate, r.OrderDate) AS DaysSincePreviousOrder,  -- NULL for the first order
        CASE WHEN r.RecencyRank = 1 THEN 1 ELSE 0 END   AS IsLatestOrder
FROM Ranked AS r
INNER JOIN dw.DimCustomer AS c
    ON  c.CustomerID = r.CustomerID
    AND c.IsCurrent  = 1;
GO
