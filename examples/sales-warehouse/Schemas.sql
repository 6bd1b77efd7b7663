/*
    Kestrel Peak Outfitters - sales warehouse (KestrelPeakDW)
    File:    Schemas.sql
    Purpose: Creates the four schemas used by the warehouse.

        staging  - raw extracts from the PeakOrder order-entry system, reloaded nightly
        dw       - conformed dimensions and facts (star schema)
        report   - views, functions and procedures read by finance and the BI team
        etl      - load procedures plus their bookkeeping tables (log, watermarks)

    CREATE SCHEMA must be the only statement in its batch, hence a GO after each.
*/
CREATE SCHEMA [staging] AUTHORIZATION [dbo];
GO

CREATE SCHEMA dw AUTHORIZATION dbo
GO

CREATE SCHEMA [report] AUTHORIZATION [dbo];
GO

-- ETL objects are owned by dbo as well; the SQL Agent job runs as kp_etl (see ops wiki).
CREATE SCHEMA etl AUTHORIZATION dbo;
GO
