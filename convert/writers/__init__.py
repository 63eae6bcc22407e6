"""Writers: the model -> a publication file (DOCX, PDF, EPUB, or a plug-in format)."""
