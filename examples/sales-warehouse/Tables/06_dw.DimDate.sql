/*
    Table:   dw.DimDate
    Purpose: Calendar dimension, one row per day. Filled by etl.usp_PopulateDimDate.
    Notes:   DateKey is the smart key yyyymmdd (e.g. 20240315).
             Kestrel Peak's fiscal year starts on 1 October: FY2025 = Oct 2024 .. Sep 2025.
*/
CREATE TABLE dw.DimDate (
    DateKey            int            NOT NULL,
    FullDate           date           NOT NULL,
    CalendarYear       smallint       NOT NULL,
    CalendarQuarter    tinyint        NOT NULL,
    MonthNumber        tinyint        NOT NULL,
    [MonthName]        nvarchar(10)   NOT NULL,
    MonthShortName     char(3)        NOT NULL,
    YearMonth          char(7)        NOT NULL,   -- '2024-03'
    [DayOfMonth]       tinyint        NOT NULL,
    DayOfWeekNumber    tinyint        NOT NULL,   -- ISO numbering: Monday = 1 ... Sunday = 7
    [DayName]          nvarchar(10)   NOT NULL,
    [DayOfYear]        smallint       NOT NULL,
    IsoWeekNumber      tinyint        NOT NULL,
    IsWeekend          bit            NOT NULL,
    FiscalYear         smallint       NOT NULL,
    FiscalQuarter      tinyint        NOT NULL,
    CONSTRAINT PK_DimDate PRIMARY KEY CLUSTERED (DateKey),
    CONSTRAINT UQ_DimDate_FullDate UNIQUE NONCLUSTERED (FullDate),
    CONSTRAINT CK_DimDate_MonthNumber CHECK (MonthNumber BETWEEN 1 AND 12),
    CONSTRAINT CK_DimDate_CalendarQuarter CHECK (CalendarQuarter BETWEEN 1 AND 4),
    CONSTRAINT CK_DimDate_DayOfWeekNumber CHECK (DayOfWeekNumber BETWEEN 1 AND 7)
);
GO
