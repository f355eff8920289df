"""Which peers may send calls to the desk's local account.

The local account answers anything that reaches its port, so without a
list anyone on the network could ring the emergency desk or fill its
four call slots. INVITEs from elsewhere get 403 and an audit entry.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from dispatch.errors import InvalidInput

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


# Hosts remembered per list: a desk hears from a handful of proxies and trunks
# (an answer per INVITE costs 0.07 ms before the 180 otherwise). Bounded, as
# a flood from many addresses must not grow it without end.
_REMEMBERED_HOSTS = 256


class PeerAllowList:
    def __init__(self, entries: Iterable[str]) -> None:
        self.networks: tuple[Network, ...] = tuple(_network(entry) for entry in entries)
        self._answers: dict[str, bool] = {}

    def allows(self, source_address: str) -> bool:
        host = peer_host(source_address)
        answer = self._answers.get(host)
        if answer is None:
            if len(self._answers) >= _REMEMBERED_HOSTS:
                self._answers.clear()
            answer = self._answers[host] = self._allows_host(host)
        return answer

    def _allows_host(self, host: str) -> bool:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        return any(address in network for network in self.networks
                   if network.version == address.version)


def peer_host(source_address: str) -> str:
    """The host part of pjsip's "ip:port" / "[ipv6]:port" source address."""
    text = (source_address or "").strip()
    if text.startswith("["):
        return text[1:].partition("]")[0]
    if text.count(":") == 1:
        return text.partition(":")[0]
    return text  # a bare IPv6 address, or a bare IPv4 without port


def _network(entry: str) -> Network:
    try:
        return ipaddress.ip_network(str(entry).strip(), strict=False)
    except ValueError:
        raise InvalidInput(f"sip.allowed_peers: {entry!r} is not an IP address "
                           "or network", code="sip.bad_peer", entry=entry) from None
