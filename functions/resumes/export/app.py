"""GET /v1/resumes/{id}/export?format=json|pdf[&template=classic|modern]: a JSON Resume document,
or a download link to a PDF rendering of the visible sections."""

from vitae.platform.http import Request, Response, endpoint
from vitae.platform.storage import content_disposition
from vitae.resumes import service
from vitae.resumes.exports import ExportAnswer, ExportQuery


@endpoint(query=ExportQuery, response=ExportAnswer)
def handler(request: Request) -> Response:
    resume_id, query = request.path_params["id"], request.query
    if query.format == "pdf":
        return Response(200, service.export_pdf(request.caller, resume_id, query.template))
    document, filename = service.export_json(request.caller, resume_id)
    return Response(200, document, {"content-disposition": content_disposition(filename)})
