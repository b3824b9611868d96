"""Zero outbound traffic: switch off every phone-home of the libraries we load.

onnxruntime's telemetry resolves an external host (mobile.events.data.microsoft.com) from
C++ code whenever a session is created — at app start, per `qa ask`, eight times per
`qa index` — which no Python-level socket setting can stop. It reads
``ORT_DISABLE_TELEMETRY`` when the library loads, so this must run before the first
``import onnxruntime`` (fastembed and chromadb import it); the API call then covers a
process where it was imported earlier anyway.
"""

from __future__ import annotations

import os
import sys

OFFLINE_ENV = {
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",  # fastembed / huggingface_hub: never ask the hub for a model
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",  # chromadb's posthog, also off in ChunkStore's settings
    "GRADIO_ANALYTICS_ENABLED": "False",
    "DO_NOT_TRACK": "1",
}


def go_offline() -> None:
    """Set the variables (overriding: zero traffic is not a preference) and, if onnxruntime
    is already loaded, tell it too."""
    os.environ.update(OFFLINE_ENV)
    if "onnxruntime" in sys.modules:
        quiet_onnxruntime()


def quiet_onnxruntime() -> None:
    """Import onnxruntime with telemetry off, and switch its telemetry events off."""
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    disable = getattr(onnxruntime, "disable_telemetry_events", None)
    if disable is not None:
        disable()
