"""Importers for `python scripts/analyses.py import`: a Word document (docx) or an OCR text
(ocr) becomes a chapter in Markdown, with every change listed for the coordinator to review."""
