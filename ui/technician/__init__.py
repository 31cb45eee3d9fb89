"""The technician screen: enrollment state, live devices, self-test, test page, camera preview
with the focus figure, a card's ATR, the network and central check."""
