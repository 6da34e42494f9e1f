#include "ui/face_material.hpp"

#include <QVector2D>
#include <QVector3D>
#include <Qt3DRender/QCullFace>
#include <Qt3DRender/QDepthTest>
#include <Qt3DRender/QEffect>
#include <Qt3DRender/QFilterKey>
#include <Qt3DRender/QGraphicsApiFilter>
#include <Qt3DRender/QParameter>
#include <Qt3DRender/QRenderPass>
#include <Qt3DRender/QShaderProgram>
#include <Qt3DRender/QTechnique>

#include "ui/image_texture.hpp"

namespace likeness::ui {
namespace {

// GLSL 1.50 (OpenGL 3.2 core), what Qt3D asks Mesa and desktop drivers for.
const char* const kVertexShader = R"(#version 150 core
in vec3 vertexPosition;
in vec3 vertexNormal;
in vec2 vertexTexCoord;
in vec3 vertexColor;
out vec3 viewNormal;
out vec3 viewPosition;
out vec2 texCoord;
out vec3 colour;
out vec4 clipPosition;
uniform mat4 modelView;
uniform mat3 modelViewNormal;
uniform mat4 modelViewProjection;
void main() {
    viewNormal = modelViewNormal * vertexNormal;
    viewPosition = (modelView * vec4(vertexPosition, 1.0)).xyz;
    texCoord = vertexTexCoord;
    colour = vertexColor;
    gl_Position = modelViewProjection * vec4(vertexPosition, 1.0);
    clipPosition = gl_Position;
}
)";

const char* const kFragmentShader = R"(#version 150 core
in vec3 viewNormal;
in vec3 viewPosition;
in vec2 texCoord;
in vec3 colour;
in vec4 clipPosition;
out vec4 fragColor;
uniform int mode;
uniform vec3 baseColour;
uniform sampler2D albedoTexture;
uniform sampler2D frameTexture;
uniform vec2 frameExtent;
uniform float opacity;
void main() {
    vec3 n = normalize(viewNormal);
    if (!gl_FrontFacing) n = -n;
    vec3 toEye = normalize(-viewPosition);
    float lambert = max(dot(n, toEye), 0.0);  // head light: from the eye
    vec3 albedo = texture(albedoTexture, vec2(texCoord.x, 1.0 - texCoord.y)).rgb;
    vec3 c;
    if (mode == 0) {
        float spec = pow(max(dot(reflect(-toEye, n), toEye), 0.0), 24.0);
        c = baseColour * (0.22 + 0.78 * lambert) + vec3(0.06) * spec;
    } else if (mode == 1) {
        c = albedo;
    } else if (mode == 2) {
        c = albedo * colour;
    } else if (mode == 3) {
        c = colour;
    } else {
        c = colour * (0.4 + 0.6 * lambert);
    }
    c = clamp(c, 0.0, 1.0);
    if (opacity < 1.0) {
        vec2 ndc = clipPosition.xy / clipPosition.w;
        vec2 uv = ndc / frameExtent * 0.5 + 0.5;
        vec3 frame = texture(frameTexture, vec2(uv.x, 1.0 - uv.y)).rgb;
        c = mix(frame, c, opacity);
    }
    fragColor = vec4(c, 1.0);
}
)";

// Parameters recognise textures by their base type.
Qt3DRender::QAbstractTexture* texture_node(ImageTexture* texture) {
    return texture;
}

}  // namespace

FaceMaterial::FaceMaterial(Qt3DCore::QNode* parent) : QMaterial(parent) {
    blank_ = new ImageTexture(this);
    mode_ = new Qt3DRender::QParameter("mode", 0, this);
    base_colour_ = new Qt3DRender::QParameter("baseColour", QVector3D(0.78f, 0.70f, 0.64f), this);
    albedo_ = new Qt3DRender::QParameter("albedoTexture", QVariant::fromValue(texture_node(blank_)),
                                         this);
    frame_ =
        new Qt3DRender::QParameter("frameTexture", QVariant::fromValue(texture_node(blank_)), this);
    frame_extent_ = new Qt3DRender::QParameter("frameExtent", QVector2D(1.f, 1.f), this);
    opacity_ = new Qt3DRender::QParameter("opacity", 1.f, this);
    for (auto* p : {mode_, base_colour_, albedo_, frame_, frame_extent_, opacity_})
        addParameter(p);

    auto* effect = new Qt3DRender::QEffect(this);
    auto* technique = new Qt3DRender::QTechnique(effect);
    technique->graphicsApiFilter()->setApi(Qt3DRender::QGraphicsApiFilter::OpenGL);
    technique->graphicsApiFilter()->setProfile(Qt3DRender::QGraphicsApiFilter::CoreProfile);
    technique->graphicsApiFilter()->setMajorVersion(3);
    technique->graphicsApiFilter()->setMinorVersion(2);
    auto* forward = new Qt3DRender::QFilterKey(technique);
    forward->setName("renderingStyle");
    forward->setValue("forward");  // what Qt3DExtras::QForwardRenderer selects
    technique->addFilterKey(forward);

    auto* program = new Qt3DRender::QShaderProgram(technique);
    program->setVertexShaderCode(kVertexShader);
    program->setFragmentShaderCode(kFragmentShader);
    auto* pass = new Qt3DRender::QRenderPass(technique);
    pass->setShaderProgram(program);
    auto* cull = new Qt3DRender::QCullFace(pass);
    cull->setMode(Qt3DRender::QCullFace::NoCulling);  // open meshes: show the inside too
    pass->addRenderState(cull);
    auto* depth = new Qt3DRender::QDepthTest(pass);
    depth->setDepthFunction(Qt3DRender::QDepthTest::Less);
    pass->addRenderState(depth);
    technique->addRenderPass(pass);
    effect->addTechnique(technique);
    setEffect(effect);
}

void FaceMaterial::setShading(Shading shading) {
    shading_ = shading;
    mode_->setValue(static_cast<int>(shading));
}

void FaceMaterial::setBaseColour(const QColor& colour) {
    base_colour_->setValue(QVector3D(static_cast<float>(colour.redF()),
                                     static_cast<float>(colour.greenF()),
                                     static_cast<float>(colour.blueF())));
}

void FaceMaterial::setAlbedoTexture(ImageTexture* texture) {
    albedo_->setValue(QVariant::fromValue(texture_node(texture ? texture : blank_)));
}

void FaceMaterial::setBackdrop(ImageTexture* frame, const QVector2D& ndc_extent, float opacity) {
    frame_->setValue(QVariant::fromValue(texture_node(frame ? frame : blank_)));
    frame_extent_->setValue(ndc_extent);
    opacity_->setValue(frame ? opacity : 1.f);
}

}  // namespace likeness::ui
