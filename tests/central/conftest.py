"""The real sandbox central as this directory's peer (fixtures ``sandbox``, ``central_client``)."""

from tests.peers.sandbox import central_client, sandbox  # noqa: F401
