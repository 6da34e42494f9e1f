#include "ui/face_entity.hpp"

#include <Qt3DCore/QTransform>
#include <Qt3DRender/QAttribute>
#include <Qt3DRender/QBuffer>
#include <Qt3DRender/QGeometry>
#include <Qt3DRender/QGeometryRenderer>
#include <cstring>

#include "ui/face_material.hpp"

namespace likeness::ui {
namespace {
constexpr int kFloatsPerVertex = 11;  // x y z, nx ny nz, u v, r g b
}

FaceEntity::FaceEntity(Qt3DCore::QNode* parent) : QEntity(parent) {
    using Qt3DRender::QAttribute;
    auto* geometry = new Qt3DRender::QGeometry(this);
    vertex_buffer_ = new Qt3DRender::QBuffer(geometry);
    index_buffer_ = new Qt3DRender::QBuffer(geometry);
    const auto add = [&](const QString& name, uint size, uint offset) {
        auto* a = new QAttribute(geometry);
        a->setName(name);
        a->setAttributeType(QAttribute::VertexAttribute);
        a->setVertexBaseType(QAttribute::Float);
        a->setVertexSize(size);
        a->setBuffer(vertex_buffer_);
        a->setByteStride(kFloatsPerVertex * sizeof(float));
        a->setByteOffset(offset * sizeof(float));
        geometry->addAttribute(a);
        return a;
    };
    geometry->setBoundingVolumePositionAttribute(
        add(QAttribute::defaultPositionAttributeName(), 3, 0));
    add(QAttribute::defaultNormalAttributeName(), 3, 3);
    add(QAttribute::defaultTextureCoordinateAttributeName(), 2, 6);
    add(QAttribute::defaultColorAttributeName(), 3, 8);
    auto* indices = new QAttribute(geometry);
    indices->setAttributeType(QAttribute::IndexAttribute);
    indices->setVertexBaseType(QAttribute::UnsignedInt);
    indices->setBuffer(index_buffer_);
    geometry->addAttribute(indices);

    renderer_ = new Qt3DRender::QGeometryRenderer(this);
    renderer_->setPrimitiveType(Qt3DRender::QGeometryRenderer::Triangles);
    renderer_->setGeometry(geometry);
    material_ = new FaceMaterial(this);
    transform_ = new Qt3DCore::QTransform(this);
    addComponent(renderer_);
    addComponent(material_);
    addComponent(transform_);
}

void FaceEntity::setMesh(const core::Mesh& mesh) {
    mesh_ = mesh;
    mesh_.V.resize(0, 3);
    mesh_.N.resize(0, 3);
    if (mesh_.UV.rows() != mesh.V.rows()) mesh_.UV = core::MatrixX2fR::Zero(mesh.V.rows(), 2);
    colours_ = core::MatrixX3fR::Ones(mesh.V.rows(), 3);
    QByteArray index_bytes(static_cast<int>(mesh.F.size() * sizeof(uint32_t)), Qt::Uninitialized);
    std::memcpy(index_bytes.data(), mesh.F.data(), static_cast<size_t>(index_bytes.size()));
    index_buffer_->setData(index_bytes);
    for (Qt3DRender::QAttribute* a : renderer_->geometry()->attributes()) {
        if (a->attributeType() == Qt3DRender::QAttribute::IndexAttribute)
            a->setCount(static_cast<uint>(mesh.F.size()));
        else
            a->setCount(static_cast<uint>(mesh.V.rows()));
    }
    setPositions(mesh.V);
}

void FaceEntity::setPositions(const core::MatrixX3fR& V) {
    Q_ASSERT(V.rows() == colours_.rows() && "setMesh() fixes the vertex count");
    V_ = V;
    core::Mesh shape;
    shape.V = V;
    shape.F = mesh_.F;
    N_ = core::vertex_normals(shape);
    upload();
}

void FaceEntity::setColours(const core::MatrixX3fR& colours) {
    Q_ASSERT(colours.rows() == colours_.rows() && "one colour per vertex");
    colours_ = colours;
    upload();
}

void FaceEntity::upload() {
    const int nv = static_cast<int>(V_.rows());
    QByteArray bytes(nv * kFloatsPerVertex * static_cast<int>(sizeof(float)), Qt::Uninitialized);
    auto* out = reinterpret_cast<float*>(bytes.data());
    for (int i = 0; i < nv; ++i, out += kFloatsPerVertex) {
        out[0] = V_(i, 0), out[1] = V_(i, 1), out[2] = V_(i, 2);
        out[3] = N_(i, 0), out[4] = N_(i, 1), out[5] = N_(i, 2);
        out[6] = mesh_.UV(i, 0), out[7] = mesh_.UV(i, 1);
        out[8] = colours_(i, 0), out[9] = colours_(i, 1), out[10] = colours_(i, 2);
    }
    vertex_buffer_->setData(bytes);
}

}  // namespace likeness::ui
