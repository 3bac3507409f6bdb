# The nginx edge: the same template and nginx/run the tests start on a plain machine.
FROM nginx:1.27-bookworm
COPY nginx/ /opt/kinora-edge/
ENV KINORA_EDGE_DIR=/var/cache/kinora-edge KINORA_EDGE_USER=nginx KINORA_EDGE_PORT=8088
EXPOSE 8088
CMD ["/opt/kinora-edge/run"]
