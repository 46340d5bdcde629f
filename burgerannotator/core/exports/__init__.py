"""Exports of the coding: CSV and Excel tables, Markdown and HTML reports.

``tables`` turns the project into plain tables (header + rows); ``csv_writer`` and
``xlsx_writer`` write them; ``report`` renders per-document summaries. Every text
cell passes through ``sanitize.neutralise`` so nothing can run as a formula.
"""
