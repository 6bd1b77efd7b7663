-- Data: etl.Watermark -- nothing loaded yet, so the fact load starts from order id 0.
INSERT INTO etl.Watermark (SourceName, LastLoadedID, LastLoadedDate)
VALUES (N'staging.SalesOrderHeader', 0, NULL);
GO
