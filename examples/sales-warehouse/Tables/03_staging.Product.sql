/****** Object:  Table [staging].[Product]    Script Date: 14/03/2024 09:41:17 ******/
-- Scripted from SSMS ("Script Table as > CREATE To"), then trimmed by hand.
SET ANSI_NULLS ON
GO
SET QUOTED_IDENTIFIER ON
GO
CREATE TABLE [staging].[Product](
	[ProductID] [int] NOT NULL,
	[ProductCode] [varchar](20) NOT NULL,
	[ProductName] [nvarchar](100) NOT NULL,
	[Category] [nvarchar](50) NOT NULL,
	[Subcategory] [nvarchar](50) NULL,
	[Color] [nvarchar](20) NULL,
	[ListPrice] [money] NOT NULL,
	[StandardCost] [money] NOT NULL,
	[WeightKg] [numeric](7, 3) NULL,
	[Description] [nvarchar](max) NULL,
	[IsDiscontinued] [bit] NOT NULL,
	[SellStartDate] [date] NOT NULL,
	[SellEndDate] [date] NULL,
	[ModifiedDate] [datetime] NOT NULL,
 CONSTRAINT [PK_Product] PRIMARY KEY CLUSTERED
(
	[ProductID] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY],
 CONSTRAINT [UQ_Product_ProductCode] UNIQUE NONCLUSTERED
(
	[ProductCode] ASC
)WITH (PAD_INDEX = OFF, STATISTICS_NORECOMPUTE = OFF, IGNORE_DUP_KEY = OFF, ALLOW_ROW_LOCKS = ON, ALLOW_PAGE_LOCKS = ON) ON [PRIMARY]
) ON [PRIMARY] TEXTIMAGE_ON [PRIMARY]
GO
ALTER TABLE [staging].[Product] ADD  CONSTRAINT [DF_Product_IsDiscontinued]  DEFAULT ((0)) FOR [IsDiscontinued]
GO
ALTER TABLE [staging].[Product] ADD  DEFAULT (getdate()) FOR [ModifiedDate]
GO
ALTER TABLE [staging].[Product]  WITH CHECK ADD  CONSTRAINT [CK_Product_ListPrice] CHECK  (([ListPrice]>=(0)))
GO
ALTER TABLE [staging].[Product] CHECK CONSTRAINT [CK_Product_ListPrice]
GO
ALTER TABLE [staging].[Product]  WITH CHECK ADD  CONSTRAINT [CK_Product_StandardCost] CHECK  (([StandardCost]>=(0) AND [StandardCost]<=[ListPrice]))
GO
ALTER TABLE [staging].[Product] CHECK CONSTRAINT [CK_Product_StandardCost]
GO
ALTER TABLE [staging].[Product]  WITH CHECK ADD  CONSTRAINT [CK_Product_SellDates] CHECK  (([SellEndDate] IS NULL OR [SellEndDate]>=[SellStartDate]))
GO
ALTER TABLE [staging].[Product] CHECK CONSTRAINT [CK_Product_SellDates]
GO
