-- Data: staging.SalesOrderHeader -- 40 orders, January to December 2024.
-- Status mix: shipped, open (recent) and cancelled. Order 50039 shipped in January 2025.
-- OrderGuid and CreatedAt come from their DEFAULTs; CurrencyCode too after the first quarter.

/* ---- Q1 2024 ---- */
INSERT INTO staging.SalesOrderHeader (SalesOrderID, CustomerID, OrderDate, ShipDate, [Status], SalesChannel, ShipToCity, CurrencyCode, Freight, Comment)
VALUES
    (50001, 1001, '2024-01-03', '2024-01-05', 'Shipped', 'Store', NULL, 'USD', 0.00, NULL),
    (50002, 1003, '2024-01-10', '2024-01-12', 'Shipped', 'Phone', N'München', 'USD', 60.00, NULL),
    (50003, 1017, '2024-01-11', '2024-01-13', 'Shipped', 'Web', N'Zürich', 'USD', 24.00, NULL),
    (50004, 1008, '2024-02-03', '2024-02-04', 'Shipped', 'Web', N'Denver', 'USD', 60.00, N'Rush: guiding season opens Friday!'),
    (50005, 1005, '2024-02-11', '2024-02-13', 'Shipped', 'Web', N'Portland', 'USD', 18.75, NULL),
    (50006, 1011, '2024-02-15', '2024-02-16', 'Shipped', 'Web', N'Portland', 'USD', 85.50, NULL),
    (50007, 1013, '2024-03-12', '2024-03-17', 'Shipped', 'Phone', N'Bolzano', 'USD', 35.00, N'Backorder approved by K. Höfler'),
    (50008, 1002, '2024-03-15', '2024-03-16', 'Shipped', 'Phone', N'Dublin', 'USD', 24.00, NULL),
    (50009, 1017, '2024-03-18', NULL, 'Cancelled', 'Web', N'Zürich', 'USD', 7.50, N'Cancelled by customer – duplicate web order'),
    (50010, 1006, '2024-03-21', '2024-03-23', 'Shipped', 'Phone', N'Bergen', 'USD', 35.00, NULL);
GO

/* ---- Q2 2024 ---- */
INSERT INTO staging.SalesOrderHeader (SalesOrderID, CustomerID, OrderDate, ShipDate, [Status], SalesChannel, ShipToCity, Freight, Comment)
VALUES
    (50011, 1009, '2024-04-15', '2024-04-16', 'Shipped', 'Web', N'Galway', 49.00, NULL),
    (50012, 1004, '2024-04-21', '2024-04-24', 'Shipped', 'Phone', N'São Paulo', 35.00, NULL),
    (50013, 1014, '2024-04-28', '2024-05-04', 'Shipped', 'Web', N'Tacoma', 12.00, NULL),
    (50014, 1019, '2024-05-05', '2024-05-09', 'Shipped', 'Web', N'Concord', 85.50, NULL),
    (50015, 1005, '2024-05-08', '2024-05-09', 'Shipped', 'Web', N'Portland', 49.00, NULL),
    (50016, 1012, '2024-05-21', '2024-05-23', 'Shipped', 'Store', NULL, 0.00, NULL),
    (50017, 1020, '2024-06-02', '2024-06-04', 'Shipped', 'Web', N'Tromsø', 7.50, NULL),
    (50018, 1013, '2024-06-13', '2024-06-16', 'Shipped', 'Web', N'Bolzano', 35.00, NULL),
    (50019, 1010, '2024-06-23', '2024-06-24', 'Shipped', 'Web', N'Boulder', 4.95, NULL),
    (50020, 1009, '2024-06-27', '2024-07-02', 'Shipped', 'Web', N'Galway', 12.00, NULL)
GO

/* ---- Q3 2024 ---- */
INSERT INTO staging.SalesOrderHeader (SalesOrderID, CustomerID, OrderDate, ShipDate, [Status], SalesChannel, ShipToCity, Freight, Comment)
VALUES
    (50021, 1005, '2024-07-06', '2024-07-11', 'Shipped', 'Web', N'Boise', 4.95, NULL),
    (50022, 1003, '2024-07-10', '2024-07-13', 'Shipped', 'Phone', N'München', 85.50, N'Net 30 terms; PO #A-7781'),
    (50023, 1016, '2024-07-28', '2024-08-02', 'Shipped', 'Store', NULL, 0.00, NULL),
    (50024, 1009, '2024-08-19', '2024-08-25', 'Shipped', 'Web', N'Galway', 7.50, NULL),
    (50025, 1008, '2024-08-25', '2024-08-30', 'Shipped', 'Phone', N'Denver', 60.00, N'Leave at the loading dock, rear entrance.'),
    (50026, 1018, '2024-08-26', NULL, 'Cancelled', 'Store', NULL, 0.00, NULL),
    (50027, 1013, '2024-09-05', '2024-09-10', 'Shipped', 'Phone', N'Bolzano', 35.00, NULL),
    (50028, 1015, '2024-09-10', '2024-09-13', 'Shipped', 'Store', NULL, 0.00, NULL),
    (50029, 1006, '2024-09-18', '2024-09-23', 'Shipped', 'Phone', N'Bergen', 60.00, NULL),
    (50030, 1001, '2024-09-24', '2024-09-26', 'Shipped', 'Store', NULL, 0.00, NULL);
GO

/* ---- Q4 2024 ---- */
INSERT INTO staging.SalesOrderHeader (SalesOrderID, CustomerID, OrderDate, ShipDate, [Status], SalesChannel, ShipToCity, Freight, Comment)
VALUES
    (50031, 1004, '2024-10-16', '2024-10-20', 'Shipped', 'Web', N'São Paulo', 60.00, NULL),
    (50032, 1011, '2024-10-19', '2024-10-20', 'Shipped', 'Phone', N'Portland', 60.00, NULL),
    (50033, 1007, '2024-10-24', NULL, 'Cancelled', 'Store', NULL, 0.00, NULL),
    (50034, 1019, '2024-11-20', NULL, 'Open', 'Phone', N'Concord', 35.00, NULL),
    (50035, 1013, '2024-11-22', '2024-11-26', 'Shipped', 'Web', N'Bolzano', 85.50, NULL),
    (50037, 1005, '2024-12-06', '2024-12-09', 'Shipped', 'Web', N'Boise', 12.00, N'Customer asked for "gift wrap" on the trail runners.'),
    (50038, 1010, '2024-12-11', NULL, 'Open', 'Web', N'Boulder', 18.75, NULL),
    (50039, 1020, '2024-12-14', '2025-01-03', 'Shipped', 'Web', N'Tromsø', 7.50, N'Held at customs in Tromsø over the holidays; shipped after New Year.')
GO

-- Re-keyed by hand after the OMS outage of 29 Nov 2024: the original OrderGuid was kept.
INSERT INTO staging.SalesOrderHeader (SalesOrderID, OrderGuid, CustomerID, OrderDate, ShipDate, [Status], SalesChannel, ShipToCity, Freight)
VALUES (50036, '3F2A7C1E-9B4D-4E8A-A6C2-5D71E0B94F13', 1002, '2024-11-28', NULL, 'Open', 'Store', NULL, DEFAULT);

INSERT INTO staging.SalesOrderHeader (SalesOrderID, CustomerID, OrderDate, [Status], SalesChannel, ShipToCity, Freight, Comment)
VALUES (50040, 1014, '2024-12-28', DEFAULT, 'Web', N'Tacoma', 24.00, N'');
GO
