"""Indicators: one module per criterion, each vectorised over all parcels.

Every indicator function takes the parcels (GeoDataFrame, EPSG:28992) and the layers
it needs, with keyword-only options, and returns a Series or DataFrame aligned to the
parcels' index. Inputs are never changed.
"""
