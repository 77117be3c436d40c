"""Per-article analysis on a Dask cluster (a LocalCluster on 127.0.0.1): the same site as a
local build, and its results in the same cache."""

from __future__ import annotations


import pytest

from conftest import make_site

distributed = pytest.importorskip("dask.distributed", reason="make test installs dask[distributed]")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                  processes=True) as local:
        yield local


def test_a_dask_build_gives_the_same_site_as_a_local_one(cluster, sample_site, tmp_path):
    site = make_site(tmp_path, extra=f"BRIEFING_DASK_SCHEDULER = {cluster.scheduler_address!r}")
    assert site.report.summarised == 5
    assert site.files() == sample_site.files()


def test_what_the_cluster_analysed_is_never_analysed_again(cluster, tmp_path):
    make_site(tmp_path, extra=f"BRIEFING_DASK_SCHEDULER = {cluster.scheduler_address!r}")
    local = make_site(tmp_path)  # the same folder and cache, no cluster
    assert local.report.summarised == 0 and local.report.from_cache == 5


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path):
    from builder.build import BuildError

    with pytest.raises(BuildError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        make_site(tmp_path, extra="BRIEFING_DASK_SCHEDULER = 'tcp://127.0.0.1:9'")
    assert not (tmp_path / "output").exists()
