"""Sample data sets in the import formats: the Kemensos sample (fiscal years 2019-2024, published
totals reproduced, illustrative codes) and a national-sized benchmark set. See README.md."""
from monev.sample.build import build_sample, write_sample_files

__all__ = ["build_sample", "write_sample_files"]
