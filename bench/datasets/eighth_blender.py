"""Runs inside Blender (its own Python): builds one counter scene from a JSON plan, renders it with Cycles.

Usage: blender -b --factory-startup -noaudio -t 1 -P eighth_blender.py -- plan.json out.png out.json

Only ``bpy``, ``bmesh``, ``mathutils`` and the standard library are available here, so the plan
(written by bench/datasets/eighth_plan.py) carries every number; nothing is drawn at random in
this file. The truth written to out.json is the target document's corner points taken from the
evaluated scene and projected by the render camera, so it follows every curl, lift and tilt.
"""

from __future__ import annotations

import json
import math
import sys

import bmesh
import bpy
from bpy_extras.object_utils import world_to_camera_view
from mathutils import Quaternion, Vector


def _args() -> tuple[dict, str, str]:
    argv = sys.argv[sys.argv.index("--") + 1 :]
    with open(argv[0], encoding="utf-8") as f:
        return json.load(f), argv[1], argv[2]


# ---------------------------------------------------------------- materials


def _principled(name: str) -> tuple[bpy.types.Material, bpy.types.Node, bpy.types.NodeTree]:
    mat = bpy.data.materials.new(name)
    mat.use_nodes = True
    tree = mat.node_tree
    bsdf = tree.nodes["Principled BSDF"]
    return mat, bsdf, tree


def _image_node(tree: bpy.types.NodeTree, path: str, *, colour: bool = True) -> bpy.types.Node:
    node = tree.nodes.new("ShaderNodeTexImage")
    node.image = bpy.data.images.load(path)
    if not colour:
        node.image.colorspace_settings.name = "Non-Color"
    node.interpolation = "Linear"
    return node


def paper_material(spec: dict) -> bpy.types.Material:
    """Printed paper: the drawn texture as colour, sheen, a faint subsurface glow (Burley: random walk speckles at our sample counts)."""
    mat, bsdf, tree = _principled("paper")
    bsdf.subsurface_method = "BURLEY"
    tex = _image_node(tree, spec["texture"])
    tree.links.new(tex.outputs["Color"], bsdf.inputs["Base Color"])
    tree.links.new(tex.outputs["Color"], bsdf.inputs["Subsurface Color"])
    bsdf.inputs["Subsurface"].default_value = spec.get("subsurface", 0.0)
    bsdf.inputs["Subsurface Radius"].default_value = (0.0006, 0.0005, 0.0004)
    bsdf.inputs["Roughness"].default_value = spec.get("roughness", 0.75)
    bsdf.inputs["Sheen"].default_value = 0.3
    bsdf.inputs["Specular"].default_value = spec.get("specular", 0.3)
    if spec.get("clearcoat"):
        # laminated card: a thin glossy film over the print
        bsdf.inputs["Clearcoat"].default_value = spec["clearcoat"]
        bsdf.inputs["Clearcoat Roughness"].default_value = spec.get("clearcoat_roughness", 0.05)
        bsdf.inputs["Roughness"].default_value = 0.35
        bsdf.inputs["Subsurface"].default_value = 0.0
    return mat


def plain_material(name: str, colour: list[float], roughness: float, **extra: float) -> bpy.types.Material:
    mat, bsdf, _ = _principled(name)
    bsdf.inputs["Base Color"].default_value = (*colour[:3], 1.0)
    bsdf.inputs["Roughness"].default_value = roughness
    for key, value in extra.items():
        bsdf.inputs[key.replace("_", " ").title()].default_value = value
    return mat


def surface_material(spec: dict) -> bpy.types.Material:
    """The tray or counter top: a photograph tiled over it, or a flat/brushed finish."""
    mat, bsdf, tree = _principled("surface")
    bsdf.inputs["Roughness"].default_value = spec["roughness"]
    bsdf.inputs["Metallic"].default_value = spec.get("metallic", 0.0)
    bsdf.inputs["Specular"].default_value = spec.get("specular", 0.5)
    if spec.get("anisotropic"):
        bsdf.inputs["Anisotropic"].default_value = spec["anisotropic"]
    if spec.get("texture"):
        tex = _image_node(tree, spec["texture"])
        coords = tree.nodes.new("ShaderNodeTexCoord")
        mapping = tree.nodes.new("ShaderNodeMapping")
        mapping.inputs["Scale"].default_value = (spec["tile"], spec["tile"], 1.0)
        mapping.inputs["Rotation"].default_value = (0.0, 0.0, spec.get("tile_rotation", 0.0))
        tree.links.new(coords.outputs["UV"], mapping.inputs["Vector"])
        tree.links.new(mapping.outputs["Vector"], tex.inputs["Vector"])
        tint = tree.nodes.new("ShaderNodeMixRGB")
        tint.blend_type = "MULTIPLY"
        tint.inputs["Fac"].default_value = 1.0
        tint.inputs["Color2"].default_value = (*spec["colour"][:3], 1.0)
        tree.links.new(tex.outputs["Color"], tint.inputs["Color1"])
        tree.links.new(tint.outputs["Color"], bsdf.inputs["Base Color"])
    else:
        bsdf.inputs["Base Color"].default_value = (*spec["colour"][:3], 1.0)
    if spec.get("noise_bump"):
        noise = tree.nodes.new("ShaderNodeTexNoise")
        noise.inputs["Scale"].default_value = spec["noise_bump"]
        bump = tree.nodes.new("ShaderNodeBump")
        bump.inputs["Strength"].default_value = spec.get("bump_strength", 0.15)
        tree.links.new(noise.outputs["Fac"], bump.inputs["Height"])
        tree.links.new(bump.outputs["Normal"], bsdf.inputs["Normal"])
    return mat


def skin_material(tone: list[float]) -> bpy.types.Material:
    mat, bsdf, _ = _principled("skin")
    bsdf.subsurface_method = "BURLEY"
    bsdf.inputs["Base Color"].default_value = (*tone, 1.0)
    bsdf.inputs["Subsurface"].default_value = 0.0
    bsdf.inputs["Subsurface Color"].default_value = (0.9, 0.45, 0.35, 1.0)
    bsdf.inputs["Subsurface Radius"].default_value = (0.004, 0.0015, 0.001)
    bsdf.inputs["Roughness"].default_value = 0.5
    bsdf.inputs["Sheen"].default_value = 0.2
    return mat


# ---------------------------------------------------------------- geometry


def _link(obj: bpy.types.Object) -> bpy.types.Object:
    bpy.context.scene.collection.objects.link(obj)
    return obj


def sheet_mesh(name: str, width: float, height: float, nx: int, ny: int, shape: dict) -> bpy.types.Object:
    """A sheet in its own frame: x across (left→right as read), y up the page, z out of the print.

    ``shape`` bends it: curl lifts the region beyond a line along one edge, fold makes a tent
    along a crease, wave a gentle sag. Vertex (0, ny) is the page's top-left corner.
    """
    verts, uvs, faces = [], [], []
    for j in range(ny + 1):
        for i in range(nx + 1):
            u, v = i / nx, j / ny
            x, y = (u - 0.5) * width, (v - 0.5) * height
            verts.append([x, y, _lift(u, v, width, height, shape)])
            uvs.append((u, v))
    for j in range(ny):
        for i in range(nx):
            a = j * (nx + 1) + i
            faces.append((a, a + 1, a + nx + 2, a + nx + 1))
    mesh = bpy.data.meshes.new(name)
    mesh.from_pydata([tuple(v) for v in verts], [], faces)
    layer = mesh.uv_layers.new(name="UVMap")
    for poly in mesh.polygons:
        for loop in poly.loop_indices:
            layer.data[loop].uv = uvs[mesh.loops[loop].vertex_index]
    for poly in mesh.polygons:
        poly.use_smooth = True
    mesh.update()
    obj = _link(bpy.data.objects.new(name, mesh))
    obj["corner_vertices"] = [ny * (nx + 1), ny * (nx + 1) + nx, nx, 0]  # TL, TR, BR, BL
    return obj


def _lift(u: float, v: float, width: float, height: float, shape: dict) -> float:
    z = 0.0
    curl = shape.get("curl")
    if curl:
        # distance past the curl's start line, measured in from the chosen edge
        edge, start, amount = curl["edge"], curl["start"], curl["amount"]
        t = {"left": 1 - u, "right": u, "bottom": 1 - v, "top": v}[edge]
        span = width if edge in ("left", "right") else height
        d = max(0.0, t - start) * span
        z += amount * d * d / max(span * (1 - start), 1e-6) ** 2 * span * 0.3
    fold = shape.get("fold")
    if fold:
        # a crease across the sheet (forms are folded in halves or thirds, then opened)
        axis, at, height_m = fold["axis"], fold["at"], fold["height"]
        t = v if axis == "h" else u
        z += height_m * max(0.0, 1 - abs(t - at) / fold["width"])
    wave = shape.get("wave")
    if wave:
        z += wave["amount"] * math.sin(math.pi * (u * wave["fx"] + v * wave["fy"]) + wave["phase"]) ** 2
    roll = shape.get("roll")
    if roll:
        # thermal paper remembers its roll: the whole strip bows along its length
        z += roll * (1 - (2 * v - 1) ** 2) * height * 0.05 + roll * (2 * u - 1) ** 2 * width * 0.15
    spine = shape.get("spine")
    if spine:
        # an open booklet's page rises towards the binding
        t = 1 - v if spine["side"] == "bottom" else v
        z += spine["lift"] * math.exp(-(1 - t) / spine["falloff"])
    return z


def card_mesh(name: str, width: float, height: float, thick: float, radius: float) -> bpy.types.Object:
    """An ID-1 card: a rounded rectangle extruded by its thickness, top face mapped to the print."""
    bm = bmesh.new()
    pts = []
    segs = 8
    for cx, cy, a0 in (
        (width / 2 - radius, height / 2 - radius, 0),
        (-width / 2 + radius, height / 2 - radius, 90),
        (-width / 2 + radius, -height / 2 + radius, 180),
        (width / 2 - radius, -height / 2 + radius, 270),
    ):
        for k in range(segs + 1):
            a = math.radians(a0 + 90 * k / segs)
            pts.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    top = [bm.verts.new((x, y, thick)) for x, y in pts]
    bottom = [bm.verts.new((x, y, 0.0)) for x, y in pts]
    bm.faces.new(top)
    bm.faces.new(list(reversed(bottom)))
    n = len(pts)
    for k in range(n):
        bm.faces.new((bottom[k], bottom[(k + 1) % n], top[(k + 1) % n], top[k]))
    uv = bm.loops.layers.uv.new("UVMap")
    for face in bm.faces:
        for loop in face.loops:
            x, y, _ = loop.vert.co
            loop[uv].uv = (x / width + 0.5, y / height + 0.5)
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    obj = _link(bpy.data.objects.new(name, mesh))
    # where the straight edges meet, on the printed face: the truth for a card
    obj["corner_points"] = [
        (-width / 2, height / 2, thick),
        (width / 2, height / 2, thick),
        (width / 2, -height / 2, thick),
        (-width / 2, -height / 2, thick),
    ]
    return obj


def box(
    name: str, size: tuple[float, float, float], bevel: float, mat: bpy.types.Material
) -> bpy.types.Object:
    bpy.ops.mesh.primitive_cube_add(size=1.0)
    obj = bpy.context.active_object
    obj.name = name
    obj.scale = size
    bpy.ops.object.transform_apply(scale=True)
    if bevel > 0:
        mod = obj.modifiers.new("bevel", "BEVEL")
        mod.width = bevel
        mod.segments = 3
    obj.data.materials.append(mat)
    return obj


def cylinder(
    name: str, radius: float, depth: float, mat: bpy.types.Material, verts: int = 24
) -> bpy.types.Object:
    bpy.ops.mesh.primitive_cylinder_add(vertices=verts, radius=radius, depth=depth)
    obj = bpy.context.active_object
    obj.name = name
    obj.data.materials.append(mat)
    bpy.ops.object.shade_smooth()
    # flat caps stay flat (a coin is a disc, not a bead)
    obj.data.use_auto_smooth = True
    obj.data.auto_smooth_angle = math.radians(40)
    return obj


def capsule(name: str, radius: float, length: float, mat: bpy.types.Material) -> bpy.types.Object:
    """A finger segment: a cylinder closed by two half spheres, smoothed."""
    bm = bmesh.new()
    bmesh.ops.create_uvsphere(bm, u_segments=12, v_segments=8, radius=radius)
    for v in bm.verts:
        v.co.z += length / 2 if v.co.z > 0 else -length / 2
    mesh = bpy.data.meshes.new(name)
    bm.to_mesh(mesh)
    bm.free()
    obj = _link(bpy.data.objects.new(name, mesh))
    obj.data.materials.append(mat)
    for p in obj.data.polygons:
        p.use_smooth = True
    return obj


def _place(obj: bpy.types.Object, loc: list[float], rot: list[float]) -> None:
    obj.location = loc
    obj.rotation_euler = [math.radians(a) for a in rot]


# ---------------------------------------------------------------- documents


def build_document(doc: dict) -> bpy.types.Object:
    """The document object in world space; its custom properties say where its truth corners are."""
    kind = doc["kind"]
    if kind in ("id_card", "licence"):
        obj = card_mesh("document", doc["size"][0], doc["size"][1], doc["thickness"], doc["corner_radius"])
        obj.data.materials.append(paper_material(doc["material"]))
        obj.data.materials.append(plain_material("card_edge", [0.85, 0.85, 0.82], 0.4))
        for poly in obj.data.polygons:
            poly.material_index = 0 if abs(poly.normal.z) > 0.9 else 1
    elif kind == "passport":
        obj = build_passport(doc)
    else:
        nx, ny = doc["grid"]
        obj = sheet_mesh("document", doc["size"][0], doc["size"][1], nx, ny, doc["shape"])
        obj.data.materials.append(paper_material(doc["material"]))
        solid = obj.modifiers.new("thickness", "SOLIDIFY")
        solid.thickness = doc["thickness"]
        solid.offset = -1.0  # the printed face stays where the truth is taken
    _place(obj, doc["location"], doc["rotation"])
    return obj


def build_passport(doc: dict) -> bpy.types.Object:
    """An open booklet: data page below the spine, the facing page above, both on a cover board."""
    w, h = doc["size"]
    nx, ny = doc["grid"]
    lift = doc["spine_lift"]
    page = sheet_mesh("document", w, h, nx, ny, {"spine": {"side": "top", "lift": lift, "falloff": 0.12}})
    page.data.materials.append(paper_material(doc["material"]))
    facing = sheet_mesh(
        "facing_page", w, h, nx, ny, {"spine": {"side": "bottom", "lift": lift, "falloff": 0.12}}
    )
    facing.data.materials.append(paper_material(doc["facing_material"]))
    facing.parent = page
    facing.location = (0.0, h + doc["spine_gap"], 0.0)
    # page blocks under each page give the booklet its thickness and its stepped edge
    block_mat = plain_material("page_block", [0.86, 0.84, 0.78], 0.8)
    cover_mat = plain_material("cover", doc["cover_colour"], 0.55, sheen=0.4)
    for k, dy in enumerate((0.0, h + doc["spine_gap"])):
        block = box(f"block{k}", (w - 0.002, h - 0.002, doc["block_thickness"]), 0.0005, block_mat)
        block.parent = page
        block.location = (0.0, dy, -doc["block_thickness"] / 2 - 0.0003)
    cover = box("cover", (w + 0.006, 2 * h + doc["spine_gap"] + 0.006, 0.0012), 0.001, cover_mat)
    cover.parent = page
    cover.location = (0.0, h / 2 + doc["spine_gap"] / 2, -doc["block_thickness"] - 0.0009)
    for p in (page, facing):
        solid = p.modifiers.new("thickness", "SOLIDIFY")
        solid.thickness = 0.0001
        solid.offset = -1.0
    return page


def truth_points(obj: bpy.types.Object) -> list[Vector]:
    """The four truth corners in world space, TL TR BR BL as the document is read."""
    depsgraph = bpy.context.evaluated_depsgraph_get()
    if "corner_points" in obj:
        return [obj.matrix_world @ Vector(p) for p in obj["corner_points"]]
    # the base mesh's corner vertices: modifiers (solidify) only add behind the print
    mesh = obj.data
    evaluated = obj.evaluated_get(depsgraph)
    world = evaluated.matrix_world
    return [world @ mesh.vertices[i].co for i in obj["corner_vertices"]]


# ---------------------------------------------------------------- hand


def build_hand(spec: dict, skin: bpy.types.Material) -> bpy.types.Object:
    """A simple hand: a rounded palm, four fingers of three bent segments and a thumb.

    Built in a frame where the palm lies along +y from the wrist and the fingers curl in -z.
    """
    root = _link(bpy.data.objects.new("hand", None))
    s = spec["scale"]
    palm = box("palm", (0.085 * s, 0.095 * s, 0.028 * s), 0.012 * s, skin)
    palm.parent = root
    sub = palm.modifiers.new("smooth", "SUBSURF")
    sub.levels = 2
    sub.render_levels = 2
    # a forearm is narrower than the palm and flatter than it is wide
    wrist = capsule("wrist", 0.027 * s, 0.12 * s, skin)
    wrist.parent = root
    wrist.location = (0.0, -0.105 * s, -0.004 * s)
    wrist.rotation_euler = (math.radians(90), 0, 0)
    wrist.scale = (1.0, 0.72, 1.0)
    lengths = [(0.045, 0.026, 0.022), (0.05, 0.03, 0.024), (0.046, 0.028, 0.022), (0.036, 0.022, 0.019)]
    radii = [0.0095, 0.0098, 0.0093, 0.0082]
    curl = spec["finger_curl"]
    for f in range(4):
        joint = _link(bpy.data.objects.new(f"finger{f}", None))
        joint.parent = root
        joint.location = ((-0.03 + 0.02 * f) * s, 0.045 * s, 0.0)
        joint.rotation_euler = (math.radians(-curl[f] * 0.5), 0, math.radians((f - 1.5) * -4))
        for k, length in enumerate(lengths[f]):
            if k > 0:
                # each knuckle is an empty at the end of the previous bone, bent about x
                nxt = _link(bpy.data.objects.new(f"finger{f}_{k}", None))
                nxt.parent = joint
                nxt.location = (0, lengths[f][k - 1] * s, 0)
                nxt.rotation_euler = (math.radians(-curl[f]), 0, 0)
                joint = nxt
            seg = capsule(f"bone{f}_{k}", radii[f] * s * (1 - 0.08 * k), length * s, skin)
            seg.parent = joint
            seg.location = (0, length * s / 2, 0)
            seg.rotation_euler = (math.radians(90), 0, 0)
    thumb_base = _link(bpy.data.objects.new("thumb", None))
    thumb_base.parent = root
    thumb_base.location = (-0.045 * s * spec["side"], -0.01 * s, 0.005 * s)
    thumb_base.rotation_euler = (math.radians(spec["thumb_dip"]), 0, math.radians(40 * spec["side"]))
    prox = capsule("thumb0", 0.0115 * s, 0.04 * s, skin)
    prox.parent = thumb_base
    prox.location = (0, 0.02 * s, 0)
    prox.rotation_euler = (math.radians(90), 0, 0)
    tjoint = _link(bpy.data.objects.new("thumb_joint", None))
    tjoint.parent = thumb_base
    tjoint.location = (0, 0.04 * s, 0)
    tjoint.rotation_euler = (math.radians(spec["thumb_bend"]), 0, math.radians(10 * spec["side"]))
    dist = capsule("thumb1", 0.0105 * s, 0.03 * s, skin)
    dist.parent = tjoint
    dist.location = (0, 0.015 * s, 0)
    dist.rotation_euler = (math.radians(90), 0, 0)
    _place(root, spec["location"], spec["rotation"])
    return root


# ---------------------------------------------------------------- clutter


def build_clutter(item: dict) -> None:
    kind = item["type"]
    if kind == "pen":
        body = cylinder("pen", 0.0045, 0.14, plain_material("pen", item["colour"], 0.35), 12)
        cap = cylinder("pen_cap", 0.005, 0.05, plain_material("cap", item["cap_colour"], 0.3), 12)
        cap.parent = body
        cap.location = (0, 0, 0.05)
        _place(body, item["location"], [90, 0, item["angle"]])
    elif kind == "phone":
        shell = box(
            "phone",
            (0.072, 0.15, 0.008),
            0.006,
            plain_material("phone_shell", item["colour"], 0.3, metallic=0.6),
        )
        mat, bsdf, tree = _principled("screen")
        tex = _image_node(tree, item["screen"])
        tree.links.new(tex.outputs["Color"], bsdf.inputs["Base Color"])
        emit_strength = item["screen_on"]
        tree.links.new(tex.outputs["Color"], bsdf.inputs["Emission"])
        bsdf.inputs["Emission Strength"].default_value = emit_strength
        bsdf.inputs["Roughness"].default_value = 0.05
        bsdf.inputs["Base Color"].default_value = (0.01, 0.01, 0.01, 1)
        bpy.ops.mesh.primitive_plane_add(size=1.0)
        screen = bpy.context.active_object
        screen.scale = (0.066, 0.14, 1)
        screen.data.materials.append(mat)
        screen.parent = shell
        screen.location = (0, 0, 0.0041)
        _place(shell, item["location"], [0, 0, item["angle"]])
    elif kind == "cup":
        mat = plain_material("cup", item["colour"], 0.15, specular=0.6)
        cup = cylinder("cup", 0.04, 0.09, mat, 32)
        solid = cup.modifiers.new("wall", "SOLIDIFY")
        solid.thickness = 0.004
        # open the top: remove the cap face
        bm = bmesh.new()
        bm.from_mesh(cup.data)
        top = [f for f in bm.faces if f.normal.z > 0.9]
        bmesh.ops.delete(bm, geom=top, context="FACES")
        bm.to_mesh(cup.data)
        bm.free()
        tea = cylinder("tea", 0.037, 0.002, plain_material("tea", [0.35, 0.18, 0.05], 0.05), 32)
        tea.parent = cup
        tea.location = (0, 0, 0.025)
        _place(cup, [item["location"][0], item["location"][1], 0.045], [0, 0, 0])
    elif kind == "coin":
        coin = cylinder(
            "coin", item["radius"], 0.0018, plain_material("coin", item["colour"], 0.3, metallic=1.0), 32
        )
        _place(coin, [item["location"][0], item["location"][1], 0.0009], [0, 0, 0])
    elif kind in ("ticket", "flyer"):
        w, h = item["size"]
        sheet = sheet_mesh(kind, w, h, 8, 8, item.get("shape", {}))
        sheet.data.materials.append(
            paper_material({"texture": item["texture"], "roughness": item.get("roughness", 0.7)})
        )
        _place(sheet, item["location"], [0, 0, item["angle"]])
    elif kind == "glasses_case":
        case = box("glasses_case", (0.16, 0.065, 0.035), 0.015, plain_material("case", item["colour"], 0.6))
        _place(case, [item["location"][0], item["location"][1], 0.018], [0, 0, item["angle"]])
    elif kind == "keys":
        ring = bpy.ops.mesh.primitive_torus_add(major_radius=0.015, minor_radius=0.0015)
        ring = bpy.context.active_object
        metal = plain_material("keys", [0.8, 0.75, 0.6], 0.25, metallic=1.0)
        ring.data.materials.append(metal)
        _place(ring, [item["location"][0], item["location"][1], 0.0015], [0, 0, 0])
        for k in range(2):
            key = box(f"key{k}", (0.055, 0.02, 0.002), 0.002, metal)
            key.parent = ring
            key.location = (0.035, (k - 0.5) * 0.025, 0.001 * k)
            key.rotation_euler = (0, 0, math.radians(item["angle"] + 25 * k))


# ---------------------------------------------------------------- scene


def build_scene(plan: dict) -> bpy.types.Object | None:
    bpy.ops.wm.read_factory_settings(use_empty=True)
    scene = bpy.context.scene
    scene.render.engine = "CYCLES"
    scene.cycles.device = "CPU"
    scene.cycles.samples = plan["samples"]
    scene.cycles.use_adaptive_sampling = True
    scene.cycles.adaptive_threshold = 0.04
    scene.cycles.max_bounces = 3
    scene.cycles.diffuse_bounces = 1
    scene.cycles.glossy_bounces = 2
    scene.cycles.transmission_bounces = 2
    scene.cycles.transparent_max_bounces = 2
    scene.cycles.blur_glossy = 1.0
    scene.cycles.sample_clamp_indirect = 5.0
    scene.cycles.caustics_reflective = False
    scene.cycles.caustics_refractive = False
    scene.cycles.seed = plan["seed"]
    scene.cycles.use_denoising = plan["denoise"]
    if plan["denoise"]:
        scene.cycles.denoiser = "OPENIMAGEDENOISE"
    scene.render.resolution_x, scene.render.resolution_y = plan["width"], plan["height"]
    scene.render.resolution_percentage = 100
    scene.render.film_transparent = False
    scene.view_settings.view_transform = "Filmic"
    scene.view_settings.look = plan.get("look", "None")
    scene.view_settings.exposure = plan["exposure"]
    scene.render.image_settings.file_format = "PNG"
    scene.render.image_settings.color_mode = "RGB"

    world = bpy.data.worlds.new("room")
    world.use_nodes = True
    bg = world.node_tree.nodes["Background"]
    bg.inputs["Color"].default_value = (*plan["world"]["colour"], 1.0)
    bg.inputs["Strength"].default_value = plan["world"]["strength"]
    scene.world = world

    cam_spec = plan["camera"]
    cam_data = bpy.data.cameras.new("camera")
    cam_data.sensor_fit = "HORIZONTAL"
    cam_data.sensor_width = cam_spec["sensor_width_mm"]
    cam_data.lens = cam_spec["focal_mm"]
    cam_data.shift_x, cam_data.shift_y = cam_spec["shift"]
    cam_data.dof.use_dof = True
    cam_data.dof.focus_distance = cam_spec["focus_m"]
    cam_data.dof.aperture_fstop = cam_spec["fstop"]
    camera = _link(bpy.data.objects.new("camera", cam_data))
    camera.location = cam_spec["location"]
    target = Vector(cam_spec["target"])
    direction = target - camera.location
    # roll about the lens axis, after aiming it
    aim = direction.to_track_quat("-Z", "Y") @ Quaternion((0.0, 0.0, 1.0), math.radians(cam_spec["roll_deg"]))
    camera.rotation_euler = aim.to_euler()
    scene.camera = camera

    surf = plan["surface"]
    bpy.ops.mesh.primitive_plane_add(size=2.0)
    tray = bpy.context.active_object
    tray.name = "tray"
    tray.data.materials.append(surface_material(surf))
    if surf.get("rim"):
        rim_mat = plain_material("rim", surf["rim"]["colour"], surf["rim"]["roughness"])
        half_w, half_h, wall = surf["rim"]["half_w"], surf["rim"]["half_h"], 0.012
        for k, (loc, size) in enumerate(
            (
                ((0, half_h + wall / 2, wall / 2), (2 * half_w + 2 * wall, wall, wall)),
                ((0, -half_h - wall / 2, wall / 2), (2 * half_w + 2 * wall, wall, wall)),
                ((half_w + wall / 2, 0, wall / 2), (wall, 2 * half_h, wall)),
                ((-half_w - wall / 2, 0, wall / 2), (wall, 2 * half_h, wall)),
            )
        ):
            side = box(f"rim{k}", size, 0.002, rim_mat)
            side.location = loc

    for k, light in enumerate(plan["lights"]):
        data = bpy.data.lights.new(f"light{k}", "AREA")
        data.shape = light["shape"]
        data.size = light["size"][0]
        data.size_y = light["size"][1]
        data.energy = light["energy"]
        data.color = light["colour"]
        lamp = _link(bpy.data.objects.new(f"light{k}", data))
        lamp.location = light["location"]
        aim = Vector(light["target"]) - lamp.location
        lamp.rotation_euler = aim.to_track_quat("-Z", "Y").to_euler()
    if plan.get("occluder"):
        # something out of frame (a person leaning in, a shelf) throws a soft shadow across the tray
        occ = plan["occluder"]
        shade = box("occluder", tuple(occ["size"]), 0.02, plain_material("occluder", [0.1, 0.1, 0.1], 0.8))
        _place(shade, occ["location"], occ["rotation"])

    for item in plan["clutter"]:
        build_clutter(item)

    doc_obj = build_document(plan["document"]) if plan.get("document") else None
    mover = None
    if plan.get("hand"):
        spec = plan["hand"]
        hand = build_hand(spec, skin_material(spec["tone"]))
        mover = hand
        if doc_obj is not None and spec.get("attach"):
            # the hand grips the document: placed in the document's frame, and they move together
            hand.parent = doc_obj
            _place(hand, spec["attach"]["location"], spec["attach"]["rotation"])
            mover = doc_obj
    if mover is not None and plan["hand"].get("motion"):
        # keyframes either side of the rendered frame: the shutter (centred on frame 1) sweeps the move
        scene.render.use_motion_blur = True
        scene.render.motion_blur_shutter = plan["hand"]["shutter"]
        step = Vector(plan["hand"]["motion"])
        base = mover.location.copy()
        mover.location = base - step
        mover.keyframe_insert("location", frame=0)
        mover.location = base + step
        mover.keyframe_insert("location", frame=2)
        for fc in mover.animation_data.action.fcurves:
            for kp in fc.keyframe_points:
                kp.interpolation = "LINEAR"
    scene.frame_set(1)
    return doc_obj


def project(points: list[Vector], width: int, height: int) -> list[list[float]]:
    scene = bpy.context.scene
    out = []
    for p in points:
        ndc = world_to_camera_view(scene, scene.camera, p)
        # Blender's view coordinates have y up from the bottom; image rows run down from the top
        out.append([ndc.x * width, (1.0 - ndc.y) * height, ndc.z])
    return out


def main() -> None:
    plan, out_png, out_json = _args()
    doc_obj = build_scene(plan)
    scene = bpy.context.scene
    truth = None
    if doc_obj is not None:
        truth = project(truth_points(doc_obj), plan["width"], plan["height"])
        margin = plan.get("margin_px", 12)
        inside = all(
            margin <= x <= plan["width"] - margin and margin <= y <= plan["height"] - margin and z > 0
            for x, y, z in truth
        )
        if not inside:
            # a document cut by the frame's edge is not wanted: the caller plans this frame again
            with open(out_json, "w", encoding="utf-8") as f:
                json.dump({"rejected": "corner out of frame", "corners": truth}, f)
            return
    if plan.get("dry_run"):
        # build and project only (a check of every path of the scene builder, no render)
        with open(out_json, "w", encoding="utf-8") as f:
            json.dump({"dry_run": True, "corners": truth}, f)
        return
    scene.render.filepath = out_png
    bpy.ops.render.render(write_still=True)
    with open(out_json, "w", encoding="utf-8") as f:
        json.dump({"corners": truth, "blender": bpy.app.version_string}, f)


if __name__ == "__main__":
    main()
