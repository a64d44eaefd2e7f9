from __future__ import annotations

import pytest

from viewer.core.corpus.noise import is_noise


@pytest.mark.parametrize(
    "text", ["9°C", ", 長", "63", "[7]", "*", "+", ".", "2", "REFE", "Advertisement", "□ Ja □ Delt 50/50 □ Ne", "   "]
)
def test_layout_junk_is_noise(text):
    assert is_noise(text)


@pytest.mark.parametrize(
    "text",
    ["Context", "NAV i ei ny tid", "Targeted groups: Immigrants, youth", "Publisert: 10.09.2020", "IPS-kvalitetsskala"],
)
def test_real_text_is_not_noise(text):
    assert not is_noise(text)
