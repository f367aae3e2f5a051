def test_init_then_log_then_status(learnlog):
    assert learnlog("init", "--start", "2026-11-20").exit_code == 0
    logged = learnlog("log", "numpy", "-d", "45m", "-m", "arrays")
    assert logged.exit_code == 0, logged.stderr
    assert logged.stdout.startswith("Logged #1 · Day 5 · NumPy · 45m")
    status = learnlog("status")
    assert "Day 5" in status.stdout
