#include "ui/mesh_geometry.hpp"

#include <Qt3DRender/QAttribute>
#include <Qt3DRender/QBuffer>
#include <Qt3DRender/QGeometry>
#include <cstring>

namespace likeness::ui {

Qt3DRender::QGeometry* mesh_geometry(const core::Mesh& mesh, Qt3DCore::QNode* parent) {
    using Qt3DRender::QAttribute;
    const core::MatrixX3fR normals =
        mesh.N.rows() == mesh.V.rows() ? mesh.N : core::vertex_normals(mesh);
    const int nv = mesh.vertex_count();

    // Interleaved x y z nx ny nz per vertex.
    QByteArray vertex_bytes(nv * 6 * static_cast<int>(sizeof(float)), Qt::Uninitialized);
    auto* v = reinterpret_cast<float*>(vertex_bytes.data());
    for (int i = 0; i < nv; ++i) {
        for (int k = 0; k < 3; ++k) {
            v[6 * i + k] = mesh.V(i, k);
            v[6 * i + 3 + k] = normals(i, k);
        }
    }
    QByteArray index_bytes(static_cast<int>(mesh.F.size() * sizeof(uint32_t)), Qt::Uninitialized);
    std::memcpy(index_bytes.data(), mesh.F.data(), static_cast<size_t>(index_bytes.size()));

    auto* geometry = new Qt3DRender::QGeometry(parent);
    auto* vertex_buffer = new Qt3DRender::QBuffer(geometry);
    vertex_buffer->setData(vertex_bytes);
    auto* index_buffer = new Qt3DRender::QBuffer(geometry);
    index_buffer->setData(index_bytes);

    auto add_vertex_attribute = [&](const QString& name, uint offset) {
        auto* a = new QAttribute(geometry);
        a->setName(name);
        a->setAttributeType(QAttribute::VertexAttribute);
        a->setVertexBaseType(QAttribute::Float);
        a->setVertexSize(3);
        a->setBuffer(vertex_buffer);
        a->setByteStride(6 * sizeof(float));
        a->setByteOffset(offset);
        a->setCount(static_cast<uint>(nv));
        geometry->addAttribute(a);
        return a;
    };
    geometry->setBoundingVolumePositionAttribute(
        add_vertex_attribute(QAttribute::defaultPositionAttributeName(), 0));
    add_vertex_attribute(QAttribute::defaultNormalAttributeName(), 3 * sizeof(float));

    auto* indices = new QAttribute(geometry);
    indices->setAttributeType(QAttribute::IndexAttribute);
    indices->setVertexBaseType(QAttribute::UnsignedInt);
    indices->setBuffer(index_buffer);
    indices->setCount(static_cast<uint>(mesh.F.size()));
    geometry->addAttribute(indices);
    return geometry;
}

}  // namespace likeness::ui
