"""kinerja: pengumpulan data kinerja bulanan menurut POS Pengumpulan Data Kinerja."""

__version__ = "0.1.0"
