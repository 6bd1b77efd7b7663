/*
    Data:    dw.SalesTarget -- 2024 monthly targets from Finance's planning workbook.
    Method:  annual run-rate per region (monthly base) x a seasonality curve that sums to 12.
             Built set-based from two table value constructors rather than 84 literal rows.
*/
INSERT INTO dw.SalesTarget (RegionCode, TargetYear, TargetMonth, TargetAmount)
SELECT  r.RegionCode,
        2024,
        m.MonthNumber,
        CAST(ROUND(r.MonthlyBase * m.Seasonality, 0) AS money)
FROM (VALUES ('PNW',  260.00),
             ('MTN', 1200.00),
             ('NEA', 1250.00),
             ('UKI',  400.00),
             ('ALP', 2200.00),
             ('NOR', 1150.00),
             ('BRA',  800.00)) AS r (RegionCode, MonthlyBase)
CROSS JOIN (VALUES (1, 0.60), (2, 0.70), (3, 0.90), (4, 1.00), (5, 1.20), (6, 1.30),
                   (7, 1.30), (8, 1.20), (9, 1.10), (10, 0.90), (11, 0.80), (12, 1.00)) AS m (MonthNumber, Seasonality);
GO

-- Finance's annotations (kept as free text)
UPDATE dw.SalesTarget
   SET Notes = N'Trade fair month – stretch target agreed with K. Höfler'
 WHERE RegionCode = 'ALP' AND TargetYear = 2024 AND TargetMonth = 6;

UPDATE dw.SalesTarget
   SET TargetAmount = TargetAmount + 500, Notes = N'Includes the São Paulo store opening'
 WHERE RegionCode = 'BRA' AND TargetYear = 2024 AND TargetMonth = 10;
GO
