"""Prints a short human summary of an inspect_import.py report (for notes and CI logs).

    python3 summarize_report.py REPORT.json
"""
import json
import sys

report = json.load(open(sys.argv[1]))
print("%s (Blender %s, scene %.3f fps)" % (report["file"], report["blender"], report["scene_fps"]))
for mesh in report["meshes"]:
    print("  mesh %s: %d vertices, %d polygons, %d shape keys (%s ... %s)" % (
        mesh["object"], mesh["vertices"], mesh["polygons"], len(mesh["shape_keys"]),
        mesh["shape_keys"][0] if mesh["shape_keys"] else "-",
        mesh["shape_keys"][-1] if mesh["shape_keys"] else "-"))
    for image in mesh["images"]:
        print("    texture %s %dx%d packed=%s has_data=%s" % (
            image["name"], image["size"][0], image["size"][1], image["packed"], image["has_data"]))
for action in report["actions"]:
    keys = [fc for fc in action["fcurves"] if fc["data_path"].startswith("key_blocks")]
    other = [fc for fc in action["fcurves"] if not fc["data_path"].startswith("key_blocks")]
    counts = sorted({fc["keyframes"] for fc in action["fcurves"]})
    print("  action %s: frames %s, %d shape-key fcurves, %d transform fcurves, keyframes per fcurve %s" % (
        action["name"], action["frame_range"], len(keys), len(other), counts))
