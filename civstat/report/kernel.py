"""A kernel of this interpreter, started once and shared by the notebooks of a run.

Part of the report layer, under :mod:`civstat.report.notebooks`: the kernelspec of
this environment (:func:`ensure_kernel`) and :class:`Kernel`, reset before each notebook.
"""

from __future__ import annotations

import hashlib
import logging
import os
import queue
import shutil
import sys
import tempfile
import threading
import warnings
from collections.abc import Callable
from concurrent.futures import Future
from functools import cache
from pathlib import Path

from civstat.report.parameters import notebook_dir

logger = logging.getLogger("civstat")

#: The most kernels :class:`Kernels` runs at once by default, whatever the cores: each
#: holds pandas, plotly, scikit-learn, jieba and the plans (about 350 MB).
MAX_KERNELS = 8

#: What :func:`warm_up` imports in a kernel: the modules every notebook of a run needs.
WARM_UP_MODULES = (
    "civstat.report.sentences", "civstat.report.plots", "civstat.analyse.workload",
    "civstat.analyse.continuity", "civstat.analyse.themes", "civstat.analyse.keywords",
    "civstat.analyse.targets", "civstat.analyse.target_changes", "plotly.graph_objects", "plotly.io",
    "nbformat", "sklearn.feature_extraction.text", "civstat.analyse.tokenize",
)


def import_nbformat() -> None:
    """Import nbformat, and jsonschema under it, without jsonschema's ``iri`` format check.

    jsonschema checks the ``iri`` format with ``rfc3987_syntax`` where that is installed,
    and importing it builds some forty lark parsers: 1.1 s, more than half of what
    importing nbformat costs. Neither nbformat (whose validation checks no format) nor
    plotly (which imports nbformat to read its version) uses that check, so jsonschema is
    imported as if ``rfc3987_syntax`` were not installed. Once jsonschema is imported
    (here or before), nothing changes: a later ``import rfc3987_syntax`` works as usual,
    only jsonschema's ``FormatChecker`` of this process has no ``iri`` check.
    """
    if "jsonschema" not in sys.modules and "rfc3987_syntax" not in sys.modules:
        sys.modules["rfc3987_syntax"] = None  # an import of it raises ImportError
        try:
            import jsonschema  # noqa: F401
        finally:
            del sys.modules["rfc3987_syntax"]
    import nbformat  # noqa: F401


def warm_up() -> None:
    """Prepare a kernel for the notebooks of a run; :class:`Kernel` runs it in the kernel.

    Imports :data:`WARM_UP_MODULES` (nbformat through :func:`import_nbformat`), keeps
    plotly.js out of the notebooks (:func:`civstat.report.plots.embed_plotlyjs`: the pages
    of a run load it from a file) and builds the jieba tokenizer, then freezes the garbage
    collector's view of everything so far (:func:`gc.freeze`): the collections ``%reset``
    runs before each notebook then look
    only at what later notebooks made, 0.02 s instead of 0.28 s. Frozen objects are the
    imported modules and their caches, which live as long as the kernel anyway.
    """
    import gc
    import importlib

    from civstat.analyse.tokenize import tokenizer

    import_nbformat()
    for name in WARM_UP_MODULES:
        importlib.import_module(name)
    importlib.import_module("civstat.report.plots").embed_plotlyjs(False)  # the pages load it from a file
    importlib.import_module("plotly.io").renderers  # noqa: B018 (plotly imports its renderers when asked for them)
    tokenizer()
    gc.collect()
    gc.freeze()


def ensure_kernel() -> str:
    """Make sure a kernelspec runs this interpreter, and return its name.

    The name is unique to the environment (``civstat-<hash of sys.prefix>``), so no
    other kernelspec (a user-level ``python3`` for another Python, say) can be picked
    instead. It is installed under ``sys.prefix`` (the venv), or for the user when
    that folder is not writable, and reinstalled when it points elsewhere.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    name = "civstat-" + hashlib.sha1(sys.prefix.encode()).hexdigest()[:10]
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        spec = None
    here = Path(sys.executable).parent
    if spec is not None and spec.argv and Path(spec.argv[0]).parent == here and Path(spec.argv[0]).exists():
        return name
    from ipykernel.kernelspec import install

    display = f"Python (civstat, {sys.prefix})"
    try:
        install(kernel_name=name, display_name=display, prefix=sys.prefix)
    except OSError:
        install(kernel_name=name, display_name=display, user=True)
    return name


class Kernel:
    """One kernel of this interpreter, shared by the notebooks of a run.

    Starting a kernel and importing pandas, plotly, scikit-learn and jieba in it
    costs more than running most notebooks, so a run starts one kernel, has it
    import those while the run is planned (:meth:`start`), and resets its
    namespace (``%reset -f``) before each notebook: a notebook sees no variable of
    the one before, only the modules it imported. A kernel that died is replaced.
    Use as a context manager; the kernel is shut down on exit.
    """

    #: Run by :meth:`start` in the new kernel (see :func:`warm_up`); it binds no name there.
    WARM_UP = "__import__('civstat.report.kernel').report.kernel.warm_up()"

    def __init__(self, name: str | None = None):
        self.name = name or ensure_kernel()
        self._km = None
        self._folder = None
        self._clients = []
        self._used = False

    def start(self, *, warm_up: bool = True) -> Kernel:
        """Launch the kernel without waiting for it; with ``warm_up``, queue :data:`WARM_UP`."""
        from jupyter_core.utils import run_sync

        if self._km is not None:
            return self
        self._folder = tempfile.mkdtemp(prefix="civstat-kernel-")
        km = _shared_manager_class()(kernel_name=self.name, transport="ipc",
                                     ip=str(Path(self._folder) / "k"))
        run_sync(km.start_kernel)(cwd=str(notebook_dir()))
        self._km, self._used = km, False
        if warm_up:
            kc = self._client()
            kc.execute(self.WARM_UP, silent=True, store_history=False)
            self._clients.append(kc)  # the shell queue keeps the order: notebooks run after this
        return self

    def manager(self, *, cwd: str | os.PathLike | None = None):
        """Return the kernel manager of a live kernel, ready for the next notebook.

        The kernel's namespace is reset if a notebook ran in it, and its working
        folder set to ``cwd`` (the notebook's folder, as in JupyterLab).
        """
        from jupyter_core.utils import run_sync

        self.close_clients()
        if self._km is not None and not run_sync(self._km.is_alive)():
            self.shutdown()
        if self._km is None:
            self.start(warm_up=False)
        # what the notebook before left is collected, then kept out of later collections (see warm_up)
        code = ["get_ipython().run_line_magic('reset', '-f')", "__import__('gc').freeze()"] if self._used else []
        if cwd is not None:
            code.append(f"__import__('os').chdir({str(cwd)!r})")
        if code:
            self._execute("; ".join(code))
        self._used = True
        return self._km

    def close_clients(self) -> None:
        """Close the clients papermill opened on the kernel (it leaves them open)."""
        if self._km is not None:
            self._km.close_clients()

    def _client(self):
        from jupyter_client import BlockingKernelClient

        kc = BlockingKernelClient(connection_file=self._km.connection_file)
        kc.load_connection_file()
        kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
        return kc

    def _execute(self, code: str) -> None:
        kc = self._client()
        try:
            msg_id = kc.execute(code, silent=True, store_history=False)
            while kc.get_shell_msg(timeout=120)["parent_header"].get("msg_id") != msg_id:
                pass
        finally:
            kc.stop_channels()

    def evaluate(self, expression: str) -> str:
        """Evaluate a Python expression in the kernel, in a namespace reset as for a notebook.

        Returns the ``str`` of the value (the expression should give a string: JSON,
        say). The kernel keeps what its modules hold (the plans :func:`civstat.report.scope.load`
        read for a notebook before), so work a notebook already paid for is not done
        again in this process.

        Raises
        ------
        RuntimeError
            If the expression raised in the kernel (the message names its error).
        """
        self.manager()
        kc = self._client()
        try:
            msg_id = kc.execute("", silent=False, store_history=False,
                                user_expressions={"value": f"str({expression})"})
            while (reply := kc.get_shell_msg(timeout=120))["parent_header"].get("msg_id") != msg_id:
                pass
        finally:
            kc.stop_channels()
        value = reply["content"].get("user_expressions", {}).get("value", {})
        if value.get("status") != "ok":
            raise RuntimeError(f"{value.get('ename', 'Error')}: {value.get('evalue', reply['content'])}")
        import ast

        return ast.literal_eval(value["data"]["text/plain"])

    def shutdown(self) -> None:
        """Stop the kernel, if one runs, and remove its socket folder."""
        from jupyter_core.utils import run_sync

        for kc in self._clients:
            kc.stop_channels()
        self._clients = []
        if self._km is not None:
            km, self._km = self._km, None
            km.close_clients()
            try:
                run_sync(km.shutdown_kernel)(now=True)
            finally:
                run_sync(km.cleanup_resources)()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


class Kernels:
    """Kernels of this interpreter, each in a thread of its own, taking work from one queue.

    :meth:`add` starts kernels (each boots and warms up at once, see :meth:`Kernel.start`);
    :meth:`submit` queues ``fn(kernel)``, which the next free kernel runs, and returns its
    :class:`~concurrent.futures.Future`. The notebooks of a run use the cores this way: on
    two cores, two kernels each run half of them. A kernel lives and is used in one thread
    only, from its start to its shutdown, so that the event loop of its clients is always
    that thread's. Use as a context manager: on exit the queued work is finished and the
    kernels are shut down.
    """

    def __init__(self, name: str | None = None):
        self.name = name or ensure_kernel()  # once, before the threads: installing it is not thread-safe
        self._work: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []

    def __len__(self) -> int:
        return len(self._threads)

    def add(self, n: int = 1) -> None:
        """Start ``n`` more kernels, each in its own thread."""
        for _ in range(max(n, 0)):
            thread = threading.Thread(target=self._serve, name=f"civstat-kernel-{len(self._threads) + 1}",
                                      daemon=True)
            thread.start()
            self._threads.append(thread)

    def submit(self, fn: Callable[[Kernel], object]) -> Future:
        """Queue ``fn(kernel)`` for the next free kernel; return the future of its result."""
        future: Future = Future()
        self._work.put((future, fn))
        return future

    def _serve(self) -> None:
        try:
            self._run_kernel()
        finally:
            _close_event_loop()  # the one jupyter_core's run_sync made for this thread

    def _run_kernel(self) -> None:
        with Kernel(self.name) as kernel:
            try:
                kernel.start()
            except Exception as exc:  # Kernel.manager() tries again for each notebook and reports why
                logger.warning("kernel %s did not start: %s", self.name, exc)
            while (item := self._work.get()) is not None:
                future, fn = item
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(fn(kernel))
                    except BaseException as exc:  # handed to whoever waits on the future
                        future.set_exception(exc)

    def close(self) -> None:
        """Let every kernel finish the queued work, then shut them down."""
        for _ in self._threads:
            self._work.put(None)
        for thread in self._threads:
            thread.join()
        self._threads = []

    def __enter__(self) -> Kernels:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _close_event_loop() -> None:
    """Close this thread's event loop, if it has one that is not running."""
    import asyncio

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # get_event_loop() without a loop, on 3.12+
        try:
            loop = asyncio.get_event_loop_policy().get_event_loop()
        except RuntimeError:
            return
    if not loop.is_running() and not loop.is_closed():
        loop.close()
    asyncio.set_event_loop(None)


@cache
def _shared_manager_class():
    """Return an AsyncKernelManager class that remembers its clients, to close them.

    papermill (nbclient) does not close the client of a kernel manager it was given.
    """
    from jupyter_client.manager import AsyncKernelManager

    class SharedKernelManager(AsyncKernelManager):
        def client(self, **kwargs):
            kc = super().client(**kwargs)
            self.civstat_clients = [*getattr(self, "civstat_clients", []), kc]
            return kc

        def close_clients(self) -> None:
            for kc in getattr(self, "civstat_clients", []):
                kc.stop_channels()
            self.civstat_clients = []

    return SharedKernelManager
