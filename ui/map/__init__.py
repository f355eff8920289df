"""The live map: the Peta panel (panel) and its QWebEngineView over the
folium base page (view), updated through a small JavaScript API and
answering clicks through one QWebChannel object."""
