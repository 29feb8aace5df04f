"""Reading documents: decoding, layouts, interpretation and the public read functions."""
