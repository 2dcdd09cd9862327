"""Read MS Project files with MPXJ (Java, through JPype) and print their tasks as JSON: run as a script.

``python tests/mpxj_read.py FILE...`` prints one JSON object per file: {"tasks": [...]} with each task's
unique id, outline level, name, start and finish (ISO), milestone and summary flags, percent complete,
finish-to-start predecessors (unique ids), custom field Text1 and notes. A separate process, so the
test's own process never hosts a JVM.
"""

from __future__ import annotations

import json
import sys

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)


def main(paths: list[str]) -> None:
    jpype.startJVM()
    from org.mpxj import RelationType  # type: ignore[import-not-found]
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    for path in paths:
        project = UniversalProjectReader().read(path)
        tasks = []
        for task in project.getTasks():
            if task.getUniqueID() is None or int(task.getUniqueID()) == 0:
                continue  # MPXJ's own project summary task
            tasks.append({
                "uid": int(task.getUniqueID()),
                "level": int(task.getOutlineLevel()),
                "name": str(task.getName()),
                "start": str(task.getStart()),
                "finish": str(task.getFinish()),
                "milestone": bool(task.getMilestone()),
                "summary": bool(task.getSummary()),
                "percent": float(task.getPercentageComplete() or 0),
                "after": [int(r.getPredecessorTask().getUniqueID()) for r in task.getPredecessors()
                          if r.getType() == RelationType.FINISH_START],
                "text1": None if task.getText(1) is None else str(task.getText(1)),
                "notes": str(task.getNotes() or ""),
            })  # fmt: skip
        print(json.dumps({"file": path, "tasks": tasks}, ensure_ascii=False))
    jpype.shutdownJVM()


if __name__ == "__main__":
    main(sys.argv[1:])
