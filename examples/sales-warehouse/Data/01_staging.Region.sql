/*
    Data:    staging.Region
    Seven sales regions. Brazil was added for the 2024 season.
*/
INSERT INTO [staging].[Region] ([RegionCode], [RegionName], [CountryCode], [SalesManager])
VALUES
    ('PNW', N'Pacific Northwest', 'US', N'Dana Whitcomb'),
    ('MTN', N'Mountain West', 'US', N'Luis Echeverría'),
    ('NEA', N'New England', 'US', NULL),
    ('UKI', N'UK & Ireland', 'GB', N'Fiona O''Donnell'),
    ('ALP', N'Alpine Europe', 'DE', N'Katrin Höfler'),
    ('NOR', N'Nordics', 'NO', N'Lars Eide'),
    ('BRA', N'Brazil', 'BR', N'Beatriz Andrade');
GO
