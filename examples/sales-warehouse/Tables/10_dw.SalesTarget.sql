/*
    Table:   dw.SalesTarget
    Purpose: Monthly net-sales targets per region, maintained by Finance (loaded once a year
             from their planning workbook; see Data/06_dw.SalesTarget.sql).
*/
CREATE TABLE dw.SalesTarget
(
    RegionCode     char(3)        NOT NULL,
    TargetYear     smallint       NOT NULL,
    TargetMonth    tinyint        NOT NULL,
    TargetAmount   money          NOT NULL,
    Notes          nvarchar(200)  NULL,
    CONSTRAINT PK_SalesTarget PRIMARY KEY CLUSTERED (RegionCode, TargetYear, TargetMonth),
    CONSTRAINT FK_SalesTarget_Region FOREIGN KEY (RegionCode)
        REFERENCES staging.Region (RegionCode)
        ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT CK_SalesTarget_TargetMonth CHECK (TargetMonth BETWEEN 1 AND 12),
    CONSTRAINT CK_SalesTarget_TargetYear CHECK (TargetYear >= 2020),
    CONSTRAINT CK_SalesTarget_TargetAmount CHECK (TargetAmount >= 0)
);
GO
