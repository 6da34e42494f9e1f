"""Imports a Likeness export into a fresh Blender scene and writes what Blender made of it as JSON.

Run headless (the tests do):
    blender -b --factory-startup --python-exit-code 3 --python inspect_import.py -- FILE REPORT [FPS]

FILE is a .glb/.gltf or .fbx; REPORT the JSON file to write; FPS the take's frame rate (glTF key
times are seconds and Blender turns them into frames at the *scene* rate, so the scene is set to
it before importing; FBX carries its own rate). The report lists every mesh with its shape keys,
every action with its fcurves (keyframe count, frame range), the scene's frame rate, the
images the materials use and the basis (neutral) vertex positions as Blender holds them (mesh
space, x y z per vertex, 6 decimals) so tests can check which neutral the file carried.
"""
import json
import sys

import bpy


def arguments():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) < 2:
        raise SystemExit("usage: ... -- FILE REPORT [FPS]")
    fps = float(argv[2]) if len(argv) > 2 else None
    return argv[0], argv[1], fps


def empty_scene():
    for obj in list(bpy.data.objects):
        bpy.data.objects.remove(obj, do_unlink=True)


def import_file(path, fps):
    scene = bpy.context.scene
    if fps:
        scene.render.fps = round(fps)
        scene.render.fps_base = round(fps) / fps
    lower = path.lower()
    if lower.endswith((".glb", ".gltf")):
        # Blender 3.4's glTF importer calls numpy.bool, which numpy 1.24 removed
        # (glTF-Blender-IO #1844, fixed in Blender 3.5).
        import numpy
        if not hasattr(numpy, "bool"):
            numpy.bool = bool
        result = bpy.ops.import_scene.gltf(filepath=path)
    elif lower.endswith(".fbx"):
        result = bpy.ops.import_scene.fbx(filepath=path)
    else:
        raise SystemExit("unsupported file: " + path)
    if "FINISHED" not in result:
        raise SystemExit("import failed: %s" % (result,))


def fcurve_report(fcurve):
    frames = [k.co[0] for k in fcurve.keyframe_points]
    return {
        "data_path": fcurve.data_path,
        "index": fcurve.array_index,
        "keyframes": len(frames),
        "first_frame": min(frames) if frames else None,
        "last_frame": max(frames) if frames else None,
        "max_value": max((k.co[1] for k in fcurve.keyframe_points), default=None),
    }


def images_of(obj):
    names = []
    for slot in obj.material_slots:
        material = slot.material
        if not material or not material.use_nodes:
            continue
        for node in material.node_tree.nodes:
            if node.type == "TEX_IMAGE" and node.image:
                image = node.image
                names.append({
                    "name": image.name,
                    "size": list(image.size),
                    "packed": image.packed_file is not None,
                    "has_data": bool(image.has_data),
                })
    return names


def main():
    path, report_path, fps = arguments()
    empty_scene()
    import_file(path, fps)
    scene = bpy.context.scene
    report = {
        "file": path,
        "blender": bpy.app.version_string,
        "scene_fps": scene.render.fps / scene.render.fps_base,
        "meshes": [],
        "actions": [],
    }
    for obj in bpy.data.objects:
        if obj.type != "MESH":
            continue
        keys = obj.data.shape_keys
        blocks = [kb.name for kb in keys.key_blocks] if keys else []
        report["meshes"].append({
            "object": obj.name,
            "vertices": len(obj.data.vertices),
            "polygons": len(obj.data.polygons),
            "shape_keys": [b for b in blocks if b != "Basis" and (not keys or b != keys.reference_key.name)],
            "reference_key": keys.reference_key.name if keys else None,
            "shape_key_action": (keys.animation_data.action.name
                                 if keys and keys.animation_data and keys.animation_data.action else None),
            "object_action": (obj.animation_data.action.name
                              if obj.animation_data and obj.animation_data.action else None),
            "images": images_of(obj),
            "basis": [round(c, 6) for v in obj.data.vertices for c in v.co],
        })
    for action in bpy.data.actions:
        report["actions"].append({
            "name": action.name,
            "frame_range": list(action.frame_range),
            "fcurves": [fcurve_report(fc) for fc in action.fcurves],
        })
    with open(report_path, "w") as out:
        json.dump(report, out, indent=1)


main()
