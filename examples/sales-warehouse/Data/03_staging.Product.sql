/*
    Data:    staging.Product
    15 catalogue items across seven categories. ModifiedDate is left to its DEFAULT (getdate()).
    The Beacon 300 headlamp was discontinued at the end of June 2024.
*/
INSERT INTO [staging].[Product] ([ProductID], [ProductCode], [ProductName], [Category], [Subcategory], [Color], [ListPrice], [StandardCost], [WeightKg], [Description], [IsDiscontinued], [SellStartDate], [SellEndDate])
VALUES
    (201, 'TNT-RDG2-GRN', N'Ridgeline 2-Person Tent', N'Tents', N'Backpacking Tents', N'Green', 329.00, 171.50, 2.150, N'Freestanding double-wall tent with two doors and two vestibules.', 0, '2022-03-01', NULL),
    (202, 'TNT-BSC4-ORG', N'Basecamp 4-Person Dome Tent', N'Tents', N'Family Tents', N'Orange', 499.00, 262.00, 5.800, NULL, 0, '2021-02-15', NULL),
    (203, 'SLP-TRL-20F', N'Trailhead Down Sleeping Bag 20°F', N'Sleeping Bags', N'Down', N'Navy', 249.00, 118.75, 1.050, N'650-fill responsibly sourced down; comfort rating -7 °C.', 0, '2022-09-01', NULL),
    (204, 'SLP-SUM-40F', N'Summer Synthetic Sleeping Bag 40°F', N'Sleeping Bags', N'Synthetic', N'Red', 89.00, 41.20, 0.900, NULL, 0, '2020-04-01', NULL),
    (205, 'BPK-ALP-45L', N'Alpenglow 45L Backpack', N'Backpacks', N'Trekking', N'Slate', 189.00, 88.00, 1.400, N'Adjustable torso length, hip-belt pockets, rain cover included.', 0, '2023-01-10', NULL),
    (206, 'BPK-DAY-22L', N'Daytripper 22L Pack', N'Backpacks', N'Daypacks', N'Black', 74.50, 31.10, 0.620, NULL, 0, '2021-05-01', NULL),
    (207, 'FTW-SWB-M', N'Switchback Trail Runner (Men''s)', N'Footwear', N'Trail Running', N'Grey', 139.99, 61.00, 0.310, NULL, 0, '2023-03-01', NULL),
    (208, 'FTW-CSC-W', N'Cascade Hiking Boot (Women''s)', N'Footwear', N'Boots', N'Brown', 179.99, 84.30, 0.540, N'Waterproof membrane; Vibram-style lugged outsole.', 0, '2022-08-15', NULL),
    (209, 'APP-STF-JKT', N'Stormfront Shell Jacket', N'Apparel', N'Jackets', N'Yellow', 219.00, 97.60, 0.430, NULL, 0, '2022-10-01', NULL),
    (210, 'APP-MRN-TOP', N'Merino Base Layer Top', N'Apparel', N'Base Layers', NULL, 79.00, 33.90, 0.220, NULL, 0, '2021-10-01', NULL),
    (211, 'CLM-RPE-98', N'Bergsteiger Dynamic Rope 9.8 mm × 60 m', N'Climbing', N'Ropes', N'Blue', 229.00, 120.00, 3.800, N'UIAA certified single rope, dry-treated.', 0, '2022-04-01', NULL),
    (212, 'CLM-CRX-HRN', N'Crux Climbing Harness', N'Climbing', N'Harnesses', NULL, 69.95, 28.40, 0.360, NULL, 0, '2020-03-01', NULL),
    (213, 'CKG-TI-STV', N'Titanium Backpacking Stove', N'Cooking', N'Stoves', NULL, 59.00, 21.75, 0.085, NULL, 0, '2021-04-01', NULL),
    (214, 'CKG-CMP-SET', N'Camp Kitchen Cook Set', N'Cooking', NULL, N'Silver', 45.00, 19.80, 0.710, NULL, 0, '2020-06-01', NULL);
GO

-- money literals may carry a currency symbol in T-SQL; the old catalogue loader wrote them that way.
INSERT INTO [staging].[Product] ([ProductID], [ProductCode], [ProductName], [Category], [Color], [ListPrice], [StandardCost], [Description], [IsDiscontinued], [SellStartDate], [SellEndDate])
VALUES (215, 'LGT-BCN-300', N'Beacon 300 Headlamp', N'Lighting', N'Black', $39.95, $14.20, N'Replaced by the Beacon 450 in July 2024.', 1, '2019-09-01', '2024-06-30')
GO
