-- =============================================================================
-- Data:  staging.Customer  (initial PeakOrder extract)
-- Notes: deliberately messy, like the real extract:
--        * apostrophes (O'Brien, D'Arcy), accents (Müller, São Paulo, Zürich, Tromsø)
--        * CompanyName of KP-C1008 carries a trailing space; KP-C1011 is all upper case
--        * KP-C1010's e-mail is mixed case; some e-mails and phones are NULL
--        * KP-C1020 has not been assigned to a region yet (RegionCode NULL)
-- CreatedDate is datetime: literals use the unambiguous ISO 8601 'T' form or yyyymmdd.
-- =============================================================================
SET NOCOUNT ON;

INSERT INTO staging.Customer (CustomerID, CustomerCode, FirstName, LastName, CompanyName, Email, Phone, City, RegionCode, CustomerSegment, IsActive, CreatedDate)
VALUES
    (1001, 'KP-C1001', N'Maya', N'Thornton', NULL, 'maya.thornton@example.com', '+1 206 555 0143', N'Seattle', 'PNW', 'Retail', 1, '2021-03-14T10:22:00'),
    (1002, 'KP-C1002', N'Daniel', N'O''Brien', NULL, 'dan.obrien@example.net', '+353 1 555 0199', N'Dublin', 'UKI', 'Retail', 1, '2021-06-02T15:40:11'),
    (1003, 'KP-C1003', N'Sabine', N'Müller', N'Bergwelt Sport GmbH', 'einkauf@example.org', '+49 89 5550 1200', N'München', 'ALP', 'Wholesale', 1, '2020-11-19T08:05:00'),
    (1004, 'KP-C1004', N'Lucas', N'Ferreira', N'Trilha Aventura Ltda', 'lucas.ferreira@example.com', '+55 11 5555 0101', N'São Paulo', 'BRA', 'Wholesale', 1, '2022-01-10T13:00:00'),
    (1005, 'KP-C1005', N'Priya', N'Raman', NULL, 'priya.raman@example.com', NULL, N'Portland', 'PNW', 'Online', 1, '2022-04-23T19:31:45'),
    (1006, 'KP-C1006', N'Erik', N'Johansen', N'Fjordline Expeditions AS', 'erik@example.net', '+47 555 01 234', N'Bergen', 'NOR', 'Wholesale', 1, '2021-09-30T09:12:00'),
    (1007, 'KP-C1007', N'Grace', N'Whitfield', NULL, NULL, '+1 802 555 0177', N'Burlington', 'NEA', 'Retail', 1, '2023-02-11T11:11:11'),
    (1008, 'KP-C1008', N'Tomás', N'Ortega', N'Summit Guides ', 'bookings@example.com', '+1 303 555 0110', N'Denver', 'MTN', 'Wholesale', 1, '2020-05-05T16:45:00'),
    (1009, 'KP-C1009', N'Aoife', N'Gallagher', NULL, 'aoife.g@example.org', NULL, N'Galway', 'UKI', 'Online', 1, '2023-07-19T21:03:27'),
    (1010, 'KP-C1010', N'Hannah', N'Kowalski', NULL, 'H.Kowalski@Example.COM', '+1 720 555 0134', N'Boulder', 'MTN', 'Online', 1, '2022-12-01T07:58:00'),
    (1011, 'KP-C1011', N'Ben', N'Carter', N'CARTER & SONS OUTFITTERS', 'orders@example.com', '+1 207 555 0166', N'Portland', 'NEA', 'Wholesale', 1, '2019-08-14T12:00:00'),
    (1012, 'KP-C1012', N'Ingrid', N'Solberg', NULL, 'ingrid.solberg@example.net', NULL, N'Oslo', 'NOR', 'Retail', 1, '2023-05-27T10:30:00');
GO

-- second page of the extract (the export tool did not bother with N'' for plain ASCII)
INSERT staging.Customer (CustomerID, CustomerCode, FirstName, LastName, CompanyName, Email, Phone, City, RegionCode, CustomerSegment, IsActive, CreatedDate)
VALUES
    (1013, 'KP-C1013', 'Marco', 'Bianchi', 'Dolomiti Outdoor Srl', 'm.bianchi@example.org', '+39 0471 555 018', 'Bolzano', 'ALP', 'Wholesale', 1, '20210208 14:20'),
    (1014, 'KP-C1014', 'Chloe', 'Nguyen', NULL, 'chloe.nguyen@example.com', '+1 253 555 0188', 'Tacoma', 'PNW', 'Online', 1, '20231003 18:02'),
    (1015, 'KP-C1015', 'Rafael', 'Costa', NULL, NULL, NULL, N'Florianópolis', 'BRA', 'Retail', 1, '20230315 09:45'),
    (1016, 'KP-C1016', 'Siobhan', 'D''Arcy', NULL, 'siobhan.darcy@example.org', '+353 21 555 0142', 'Cork', 'UKI', 'Retail', 1, '20220821 17:15'),
    (1018, 'KP-C1018', 'Olivia', 'Brooks', NULL, 'olivia.brooks@example.com', '+1 801 555 0120', 'Salt Lake City', 'MTN', 'Retail', 1, '20220630 13:37'),
    (1019, 'KP-C1019', 'Noah', 'Patel', 'Granite State Climbing Club', 'noah@example.org', '+1 603 555 0191', 'Concord', 'NEA', 'Wholesale', 1, '20200229 10:00')
GO

/* Jonas Weber closed his web-shop account in March 2024 but stays on file (IsActive = 0). */
INSERT INTO staging.Customer (CustomerID, CustomerCode, FirstName, LastName, CompanyName, Email, Phone, City, RegionCode, CustomerSegment, IsActive, CreatedDate)
VALUES (1017, 'KP-C1017', N'Jonas', N'Weber', NULL, 'jonas.weber@example.org', NULL, N'Zürich', 'ALP', 'Online', 0, '2021-11-11T11:00:00');

-- New web customer; region not assigned yet, so RegionCode and IsActive are left to their defaults (NULL / 1).
INSERT INTO staging.Customer (CustomerID, CustomerCode, FirstName, LastName, Email, City, CustomerSegment, CreatedDate)
VALUES (1020, 'KP-C1020', N'Astrid', N'Lindqvist', 'astrid.l@example.net', N'Tromsø', 'Online', '2023-12-18T08:25:00');
GO
