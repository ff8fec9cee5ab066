"""The project's pint registry: tokens and currencies, so prices convert by dimensional analysis.

Prices are stored as currency per million tokens ("CNY / megatoken"). Currencies are separate
base dimensions: CNY and USD never convert into each other here (that needs a dated FX rate,
which belongs to the warehouse, not to unit algebra).
"""

from __future__ import annotations

from functools import lru_cache

import pint

_DEFINITIONS = """
token = [token] = tokens
CNY = [currency_cny] = yuan
CNY_jiao = 0.1 CNY
CNY_fen = 0.01 CNY
CNY_li = 0.001 CNY
USD = [currency_usd]
USD_cent = 0.01 USD
"""

TOKENS_PER_DAY = "token / day"
PRICE_UNIT = {"CNY": "CNY / megatoken", "USD": "USD / megatoken"}
MULTIPLE_UNIT = "dimensionless"


@lru_cache(maxsize=1)
def registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry(on_redefinition="raise")
    for line in _DEFINITIONS.strip().splitlines():
        ureg.define(line)
    return ureg


def currency_of(unit_name: str) -> str:
    """ISO 4217 code of a currency unit defined in the registry (CNY_li → CNY, USD_cent → USD)."""
    ureg = registry()
    dims = ureg.Quantity(1, unit_name).dimensionality
    if dims == ureg.Quantity(1, "CNY").dimensionality:
        return "CNY"
    if dims == ureg.Quantity(1, "USD").dimensionality:
        return "USD"
    raise ValueError(f"{unit_name!r} is not a currency unit")


def price_per_million_tokens(amount: float, currency_unit: str, per_tokens: float) -> tuple[float, str]:
    """Convert `amount` `currency_unit` per `per_tokens` tokens into (value, ISO code) per 1M tokens.

    >>> price_per_million_tokens(0.0008, "CNY", 1000)
    (0.8, 'CNY')
    """
    factor, code = _conversion(currency_unit, per_tokens)
    return round(amount * factor, 10), code


@lru_cache(maxsize=256)
def _conversion(currency_unit: str, per_tokens: float) -> tuple[float, str]:
    """pint's factor from `currency_unit` per `per_tokens` tokens to currency per million tokens.
    An article quotes a handful of distinct units; converting each Quantity through pint costs
    more than the rest of a sentence's extraction, so the factor is computed once per unit."""
    ureg = registry()
    code = currency_of(currency_unit)
    price = ureg.Quantity(1.0, currency_unit) / ureg.Quantity(per_tokens, "token")
    return float(price.to(PRICE_UNIT[code]).magnitude), code

