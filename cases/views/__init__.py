"""Views, one module per part of the register; cases.urls names them."""
