from kiosk.delivery import delivery


def test_sent_only_when_the_outbox_says_the_central_has_it():
    assert delivery(network="ok", central="ok", accepted=True) == "sent"
    assert delivery(network="ok", central="ok", accepted=False) == "queued_central"


def test_the_reason_for_waiting_is_the_first_link_that_is_down():
    assert delivery(network="down", central="down", accepted=False) == "queued_network"
    assert delivery(network="unknown", central="connecting", accepted=False) == "queued_network"
    assert delivery(network="ok", central="down", accepted=False) == "queued_central"
    assert delivery(network="ok", central="connecting", accepted=False) == "queued_central"
