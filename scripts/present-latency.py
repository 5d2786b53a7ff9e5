#!/usr/bin/env python3
"""Delay from a save of the meeting file to `copilnum present` showing it, over N saves.

Writes the sample committee into a temporary folder, starts `copilnum present` on it in a
pseudo-terminal (120x40), then N times saves the meeting file the way copilnum does (write a
temporary file, rename it over the meeting) with a new decision, and times how long until the
decision's text is on the projector's screen. Prints the median and the worst. Usage:
    scripts/present-latency.py target/release/copilnum [N]
"""
import fcntl, glob, os, pty, select, statistics, struct, subprocess, sys, tempfile, termios, time

binary = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
folder = os.path.join(tempfile.mkdtemp(), "comite")
subprocess.run([binary, "sample", folder], check=True, stdout=subprocess.DEVNULL)
meeting = sorted(glob.glob(os.path.join(folder, "reunions", "*.ron")))[-1]
original = open(meeting, encoding="utf-8").read()

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "xterm-256color"
    os.environ["COPILNUM_LOG"] = "/dev/null"
    os.execv(binary, [binary, "present", "--dir", folder])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))

def read_until(needle, timeout=5.0):
    seen, end = b"", time.perf_counter() + timeout
    while needle not in seen:
        left = end - time.perf_counter()
        ready, _, _ = select.select([fd], [], [], max(left, 0))
        if not ready:
            sys.exit(f"not shown within {timeout} s: {needle!r}")
        chunk = os.read(fd, 1 << 16)
        if b"\x1b[6n" in chunk:
            os.write(fd, b"\x1b[1;1R")
        seen = seen[-4096:] + chunk
    return time.perf_counter()

read_until("Étape 1/".encode())
def save(text):
    with open(meeting + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.rename(meeting + ".tmp", meeting)

delays = []
for n in range(runs):
    # Back to no decision first, so that the decision's line is blank before it is drawn: the
    # terminal then receives its whole text (which has no space: spaces on a blank line are
    # not rewritten).
    save(original)
    time.sleep(0.3)
    text = f"Mesure-{n}-du-délai"
    save(original.replace("decisions: [],", f'decisions: [Decision(text: "{text}")],', 1))
    start = time.perf_counter()
    shown = read_until(text.encode())
    delays.append((shown - start) * 1000)
os.write(fd, b"\x1b[21~")
os.waitpid(pid, 0)
print(f"save → projected: median {statistics.median(delays):.1f} ms, worst {max(delays):.1f} ms over {runs} saves")
