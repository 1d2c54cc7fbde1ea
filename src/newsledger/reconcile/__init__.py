"""Reconcile (issue #9): claims, agreement and contradiction across sources, timelines, cited summaries."""

from __future__ import annotations

NAME = "reconcile"
VERSION = "0"
