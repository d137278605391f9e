"""`down -v` leaves nothing of the stack behind (runs last: conftest orders it)."""


def test_down_v_removes_every_container_volume_and_network(suite, ready):
    suite.compose.down()
    assert suite.compose.leftovers() == {"containers": [], "volumes": [], "networks": []}
