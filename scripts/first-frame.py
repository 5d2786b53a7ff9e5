#!/usr/bin/env python3
"""Time from starting `copilnum --dir DIR` in a pseudo-terminal to the first frame showing the
committee's name, over N runs; prints the median and the worst. Usage:
    scripts/first-frame.py target/release/copilnum DIR [N]
"""
import fcntl, os, pty, select, signal, statistics, struct, sys, termios, time

binary, folder = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 20
needle = "COPIL-Num".encode()
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["COPILNUM_LOG"] = "/dev/null"
        os.execv(binary, [binary, "--dir", folder])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 160, 0, 0))
    seen = b""
    while needle not in seen:
        ready, _, _ = select.select([fd], [], [], 5)
        if not ready:
            sys.exit("no frame within 5 s")
        chunk = os.read(fd, 65536)
        if b"\x1b[6n" in chunk:  # a terminal answers where its cursor is
            os.write(fd, b"\x1b[1;1R")
        seen += chunk
    times.append((time.perf_counter() - start) * 1000)
    os.write(fd, b"\x1b[21~")  # F10
    deadline = time.time() + 5
    while time.time() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
    else:
        os.kill(pid, signal.SIGKILL)
        sys.exit("copilnum did not quit on F10")
    os.close(fd)
print(f"first frame: median {statistics.median(times):.1f} ms, worst {max(times):.1f} ms over {runs} runs")
