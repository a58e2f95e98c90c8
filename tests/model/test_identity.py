from __future__ import annotations

from timing import assert_linear

from generator.model.identity import company_keys


def test_a_company_name_of_many_legal_forms_is_keyed_in_linear_time() -> None:
    """`Acme Inc Inc …` (a name pasted into a cell again and again) took the square of its
    length to key: each legal form cut from its end copied the words before it, 64,000
    of them 6.7 s of CPU. Every form is still cut, as one or as a run of words."""
    assert_linear(company_keys, lambda n: "Acme" + " Inc" * n, 4_000)
    assert company_keys("The Acme Company, Inc. Inc") == ("theacmecompanyincinc", "acme")
    assert company_keys("Kowalski Logistyka Sp. z o.o. Ltd")[1] == "kowalskilogistyka"
