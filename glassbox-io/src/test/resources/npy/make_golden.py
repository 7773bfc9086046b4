#!/usr/bin/python3
"""Golden .npy files written by NumPy, for Glassbox's reader tests.

Regenerate with Debian's NumPy:  /usr/bin/python3 make_golden.py   (in this directory)
The values are a fixed arithmetic pattern, so the Java test can recompute them.
"""
import numpy as np

base = (np.arange(3 * 5, dtype=np.float64).reshape(3, 5) - 7) / 4.0   # [[-1.75, -1.5, ...], ...]
np.save("f4_c.npy", base.astype("<f4"))
np.save("f4_fortran.npy", np.asfortranarray(base.astype("<f4")))
np.save("f2_c.npy", base.astype("<f2"))
np.save("f4_big.npy", base.astype(">f4"))
np.save("f8_c.npy", base.astype("<f8"))
np.save("i8_1d.npy", np.arange(-3, 4, dtype="<i8"))
np.save("f4_3d.npy", np.zeros((2, 2, 2), dtype="<f4"))
